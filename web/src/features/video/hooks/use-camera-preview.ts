import { useEffect, useState } from 'react'
import { browserDefaultDevices, canOpenCamera, openLocalMedia, stopTracks, unavailableReasonOf, type MediaDeviceChoice, type UnavailableReason } from '../utils/local-media'

export type PreviewState = { status: 'off' } | { status: 'starting' } | { status: 'ready'; stream: MediaStream } | { status: 'unavailable'; reason: UnavailableReason }

/**
 * This person's own camera and microphone, opened while `isEnabled` (with the devices chosen, if any) and stopped
 * when it turns false, the devices change or the component goes: the camera light never stays on behind the page.
 * The on/off switches mute tracks without closing them, so turning the camera back on is instant.
 */
export function useCameraPreview({ isEnabled = true, devices = browserDefaultDevices }: { isEnabled?: boolean; devices?: MediaDeviceChoice } = {}) {
  const [opened, setOpened] = useState<{ key: string; state: PreviewState } | null>(null)
  const [isCameraOn, setIsCameraOn] = useState(true)
  const [isMicOn, setIsMicOn] = useState(true)
  const { cameraId, microphoneId } = devices
  const key = `${cameraId ?? ''}/${microphoneId ?? ''}`

  useEffect(() => {
    if (!isEnabled || !canOpenCamera()) return
    let isCurrent = true
    let stream: MediaStream | null = null
    openLocalMedia({ cameraId, microphoneId }).then(
      (media) => {
        stream = media
        if (isCurrent) setOpened({ key, state: { status: 'ready', stream: media } })
        else stopTracks(media)
      },
      (error: unknown) => {
        if (isCurrent) setOpened({ key, state: { status: 'unavailable', reason: unavailableReasonOf(error) } })
      },
    )
    return () => {
      isCurrent = false
      stopTracks(stream)
    }
  }, [isEnabled, key, cameraId, microphoneId])

  const preview: PreviewState = !isEnabled
    ? { status: 'off' }
    : !canOpenCamera()
      ? { status: 'unavailable', reason: 'unsupported' }
      : // A stream stopped by a previous opening (turned off and on again) is not this one's.
        opened?.key === key && !(opened.state.status === 'ready' && !opened.state.stream.active)
        ? opened.state
        : { status: 'starting' }
  const stream = preview.status === 'ready' ? preview.stream : null

  useEffect(() => {
    stream?.getVideoTracks().forEach((track) => (track.enabled = isCameraOn))
  }, [stream, isCameraOn])
  useEffect(() => {
    stream?.getAudioTracks().forEach((track) => (track.enabled = isMicOn))
  }, [stream, isMicOn])

  return {
    preview,
    stream,
    hasCamera: Boolean(stream?.getVideoTracks().length),
    hasMic: Boolean(stream?.getAudioTracks().length),
    isCameraOn,
    isMicOn,
    toggleCamera: () => setIsCameraOn((isOn) => !isOn),
    toggleMic: () => setIsMicOn((isOn) => !isOn),
  }
}

export type CameraPreview = ReturnType<typeof useCameraPreview>
