import { useEffect, useRef } from 'react'
import { cn } from '@/lib/cn'

/** One's own camera, mirrored as a mirror shows it (what others would see is not mirrored). Muted: no echo. */
export function CameraVideo({ stream, className }: { stream: MediaStream; className?: string }) {
  const videoRef = useRef<HTMLVideoElement>(null)
  useEffect(() => {
    if (videoRef.current) videoRef.current.srcObject = stream
  }, [stream])
  return <video ref={videoRef} autoPlay playsInline muted className={cn('size-full -scale-x-100 object-cover', className)} />
}
