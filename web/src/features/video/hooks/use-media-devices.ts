import { useEffect, useState } from 'react'

/**
 * The cameras and microphones the browser names, read again when one is plugged in or out. Browsers give the names
 * only once the page may use a camera, so `isReadable` (a preview is open) starts the reading.
 */
export function useMediaDevices(isReadable: boolean) {
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([])
  useEffect(() => {
    const mediaDevices = typeof navigator === 'undefined' ? undefined : navigator.mediaDevices
    if (!isReadable || typeof mediaDevices?.enumerateDevices !== 'function') return
    let isCurrent = true
    const read = () =>
      void mediaDevices.enumerateDevices().then(
        (found) => {
          if (isCurrent) setDevices(found.filter((device) => device.deviceId !== ''))
        },
        () => {},
      )
    read()
    mediaDevices.addEventListener('devicechange', read)
    return () => {
      isCurrent = false
      mediaDevices.removeEventListener('devicechange', read)
    }
  }, [isReadable])
  return {
    cameras: devices.filter((device) => device.kind === 'videoinput'),
    microphones: devices.filter((device) => device.kind === 'audioinput'),
  }
}
