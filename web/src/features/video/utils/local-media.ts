/** The camera and microphone a person picked (the browser's device ids); null leaves the choice to the browser. */
export interface MediaDeviceChoice {
  cameraId: string | null
  microphoneId: string | null
}

export const browserDefaultDevices: MediaDeviceChoice = { cameraId: null, microphoneId: null }

export type UnavailableReason = 'no-camera' | 'denied' | 'unsupported'

export function unavailableReasonOf(error: unknown): 'no-camera' | 'denied' {
  const name = error instanceof DOMException || error instanceof Error ? error.name : ''
  return name === 'NotAllowedError' || name === 'SecurityError' ? 'denied' : 'no-camera'
}

// Insecure origins (plain http other than localhost) and old browsers have no mediaDevices at all.
export function canOpenCamera(): boolean {
  return typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getUserMedia === 'function'
}

const constraintOf = (deviceId: string | null): MediaTrackConstraints | true => (deviceId ? { deviceId: { exact: deviceId } } : true)

/** Camera and microphone, or the camera alone when there is no microphone (or the chosen one is gone). */
export async function openLocalMedia(choice: MediaDeviceChoice = browserDefaultDevices): Promise<MediaStream> {
  const video = constraintOf(choice.cameraId)
  try {
    return await navigator.mediaDevices.getUserMedia({ video, audio: constraintOf(choice.microphoneId) })
  } catch (error) {
    if (unavailableReasonOf(error) === 'denied') throw error
    return navigator.mediaDevices.getUserMedia({ video })
  }
}

export function stopTracks(stream: MediaStream | null | undefined): void {
  stream?.getTracks().forEach((track) => track.stop())
}
