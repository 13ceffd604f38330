import { useEffect, useRef, useState } from 'react'
import { Alert } from '@/components/ui/alert'

/**
 * Plays Stream's HLS broadcast: natively where the browser can (Safari, iOS), through hls.js elsewhere. hls.js
 * is loaded only when needed.
 */
export function HlsPlayer({ src }: { src: string }) {
  const videoRef = useRef<HTMLVideoElement>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    const video = videoRef.current
    if (!video) return
    if (video.canPlayType('application/vnd.apple.mpegurl')) {
      video.src = src
      return () => {
        video.removeAttribute('src')
        video.load()
      }
    }
    let isCurrent = true
    let destroy: (() => void) | undefined
    void import('hls.js/light').then(({ default: Hls }) => {
      if (!isCurrent) return
      if (!Hls.isSupported()) {
        setError('This browser cannot play the broadcast. Try a recent Chrome, Firefox, Edge or Safari.')
        return
      }
      const hls = new Hls({ lowLatencyMode: true })
      hls.on(Hls.Events.ERROR, (_event, data) => {
        if (data.fatal) setError('The broadcast stopped loading. Check your connection; it retries on its own.')
      })
      hls.loadSource(src)
      hls.attachMedia(video)
      destroy = () => hls.destroy()
    })
    return () => {
      isCurrent = false
      destroy?.()
    }
  }, [src])

  return (
    <div className="relative size-full bg-black">
      <video ref={videoRef} className="size-full object-contain" controls autoPlay playsInline aria-label="Webinar broadcast" />
      {error ? <Alert className="absolute inset-x-4 bottom-4">{error}</Alert> : null}
    </div>
  )
}
