import type { StreamCredentials } from '@webinar/shared/webinars'
import { Camera, CameraOff, Mic, MicOff, MonitorUp, Settings2, VideoOff } from 'lucide-react'
import { useEffect, useRef, useState } from 'react'
import { Spinner } from '@/components/ui/spinner'
import { useLocalPresence } from '../hooks/use-local-presence'
import { viewerCountOf } from '../utils/viewer-count'
import { LocalModeBanner } from './local-mode-banner'
import { VideoToggle } from './video-controls'

type PreviewState = { status: 'starting' } | { status: 'ready'; stream: MediaStream } | { status: 'unavailable'; reason: 'no-camera' | 'denied' | 'unsupported' }

function reasonOf(error: unknown): 'no-camera' | 'denied' {
  const name = error instanceof DOMException || error instanceof Error ? error.name : ''
  return name === 'NotAllowedError' || name === 'SecurityError' ? 'denied' : 'no-camera'
}

// Insecure origins (plain http other than localhost) and old browsers have no mediaDevices at all.
function canOpenCamera(): boolean {
  return typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getUserMedia === 'function'
}

/** Camera and microphone, or the camera alone when there is no microphone. */
async function openLocalMedia(): Promise<MediaStream> {
  try {
    return await navigator.mediaDevices.getUserMedia({ video: true, audio: true })
  } catch (error) {
    if (reasonOf(error) === 'denied') throw error
    return navigator.mediaDevices.getUserMedia({ video: true })
  }
}

/**
 * The studio without Stream keys: the host's own camera, with the same controls as a broadcast. Nothing
 * leaves the browser; the banner says so. The host is in the call all the same (backstage first), so the
 * viewer count comes from the call's participants, as it does with Stream.
 */
export function LocalStudioPreview({ credentials, onViewerCountChange }: { credentials: StreamCredentials; onViewerCountChange?: (count: number) => void }) {
  useLocalPresence(credentials, {
    onPresence: (presence) => onViewerCountChange?.(viewerCountOf(presence)),
  })
  const videoRef = useRef<HTMLVideoElement>(null)
  const [preview, setPreview] = useState<PreviewState>(() =>
    canOpenCamera() ? { status: 'starting' } : { status: 'unavailable', reason: 'unsupported' },
  )
  const [isCameraOn, setIsCameraOn] = useState(true)
  const [isMicOn, setIsMicOn] = useState(true)

  useEffect(() => {
    if (!canOpenCamera()) return
    let isCurrent = true
    let opened: MediaStream | null = null
    openLocalMedia().then(
      (stream) => {
        opened = stream
        if (isCurrent) setPreview({ status: 'ready', stream })
        else stream.getTracks().forEach((track) => track.stop())
      },
      (error: unknown) => {
        if (isCurrent) setPreview({ status: 'unavailable', reason: reasonOf(error) })
      },
    )
    return () => {
      isCurrent = false
      opened?.getTracks().forEach((track) => track.stop())
    }
  }, [])

  const stream = preview.status === 'ready' ? preview.stream : null
  useEffect(() => {
    if (videoRef.current && stream) videoRef.current.srcObject = stream
  }, [stream])
  useEffect(() => {
    stream?.getVideoTracks().forEach((track) => (track.enabled = isCameraOn))
  }, [stream, isCameraOn])
  useEffect(() => {
    stream?.getAudioTracks().forEach((track) => (track.enabled = isMicOn))
  }, [stream, isMicOn])

  const hasCamera = Boolean(stream?.getVideoTracks().length)
  const hasMic = Boolean(stream?.getAudioTracks().length)

  return (
    <div className="flex h-full flex-col gap-3">
      <LocalModeBanner />
      <div className="relative flex min-h-64 flex-1 items-center justify-center overflow-hidden rounded-2xl bg-slate-900">
        {preview.status === 'starting' ? (
          <p role="status" className="flex items-center gap-2 text-sm text-slate-300">
            <Spinner className="size-5" /> Starting your camera…
          </p>
        ) : null}
        {preview.status === 'unavailable' ? (
          <div className="mx-4 max-w-sm rounded-2xl bg-white/5 p-6 text-center ring-1 ring-white/10">
            <div className="mx-auto flex size-12 items-center justify-center rounded-2xl bg-white/10 text-slate-200">
              <VideoOff className="size-6" aria-hidden />
            </div>
            <p className="mt-4 text-base font-semibold text-white">{preview.reason === 'denied' ? 'Camera access is blocked' : 'No camera found'}</p>
            <p className="mt-1.5 text-sm leading-6 text-slate-300">
              {preview.reason === 'denied'
                ? 'Allow the camera for this site in your browser’s address bar, then reload the page.'
                : 'Connect a camera and reload the page. You can still run the room: chat, questions and polls work without video.'}
            </p>
          </div>
        ) : null}
        {stream ? (
          <>
            <video ref={videoRef} autoPlay playsInline muted className={isCameraOn && hasCamera ? 'size-full -scale-x-100 object-cover' : 'hidden'} />
            {!isCameraOn ? (
              <p className="flex flex-col items-center gap-3 text-sm text-slate-300">
                <CameraOff className="size-8" aria-hidden />
                Your camera is off
              </p>
            ) : null}
            <span className="absolute top-3 left-3 rounded-full bg-black/55 px-2.5 py-1 text-xs font-medium text-white">You (preview)</span>
          </>
        ) : null}
      </div>
      <div className="flex items-center justify-center gap-3 rounded-2xl bg-slate-900 px-4 py-3" role="toolbar" aria-label="Camera and microphone">
        <VideoToggle
          isOn={isMicOn && hasMic}
          isDisabled={!hasMic}
          onLabel="Mute microphone"
          offLabel={hasMic ? 'Unmute microphone' : 'No microphone'}
          onIcon={<Mic className="size-5" aria-hidden />}
          offIcon={<MicOff className="size-5" aria-hidden />}
          onToggle={() => setIsMicOn((isOn) => !isOn)}
        />
        <VideoToggle
          isOn={isCameraOn && hasCamera}
          isDisabled={!hasCamera}
          onLabel="Turn camera off"
          offLabel={hasCamera ? 'Turn camera on' : 'No camera'}
          onIcon={<Camera className="size-5" aria-hidden />}
          offIcon={<CameraOff className="size-5" aria-hidden />}
          onToggle={() => setIsCameraOn((isOn) => !isOn)}
        />
        <VideoToggle
          isOn
          isDisabled
          onLabel="Screen sharing needs Stream"
          offLabel="Screen sharing needs Stream"
          onIcon={<MonitorUp className="size-5" aria-hidden />}
          offIcon={<MonitorUp className="size-5" aria-hidden />}
          onToggle={() => {}}
        />
        <VideoToggle
          isOn
          isDisabled
          onLabel="Device settings need Stream"
          offLabel="Device settings need Stream"
          onIcon={<Settings2 className="size-5" aria-hidden />}
          offIcon={<Settings2 className="size-5" aria-hidden />}
          onToggle={() => {}}
        />
      </div>
    </div>
  )
}
