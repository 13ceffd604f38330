import { useEffect, useState } from 'react'

/**
 * How loud the microphone is now, from 0 to 1, so a person can see they are heard before going on stage. Reads the
 * stream's audio with an analyser, a few times a second; 0 where the browser has no Web Audio.
 */
export function useMicrophoneLevel(stream: MediaStream | null): number {
  const [level, setLevel] = useState(0)
  useEffect(() => {
    if (!stream || stream.getAudioTracks().length === 0 || typeof AudioContext === 'undefined') return
    const context = new AudioContext()
    const analyser = context.createAnalyser()
    analyser.fftSize = 512
    context.createMediaStreamSource(stream).connect(analyser)
    const samples = new Uint8Array(analyser.fftSize)
    const timer = setInterval(() => {
      analyser.getByteTimeDomainData(samples)
      let peak = 0
      for (const sample of samples) peak = Math.max(peak, Math.abs(sample - 128) / 128)
      setLevel(Math.min(1, peak * 2))
    }, 120)
    return () => {
      clearInterval(timer)
      setLevel(0)
      void context.close().catch(() => {})
    }
  }, [stream])
  return level
}
