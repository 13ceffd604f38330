import { Captions } from 'lucide-react'
import { useCallStateHooks } from '../stream-sdk'

/**
 * Stream's closed captions over the bottom of the video: the last lines spoken and who said them, as the SDK
 * queues them (each fades after a few seconds). Viewers of the HLS broadcast read them too: they watch the call
 * without joining it, and the captions come with the call's events, ahead of the picture.
 */
export function ClosedCaptions({ bottomClassName = 'bottom-4' }: { bottomClassName?: string }) {
  const { useCallClosedCaptions } = useCallStateHooks()
  const captions = useCallClosedCaptions()
  return (
    <>
      <span className="pointer-events-none absolute top-3 right-3 z-10 inline-flex items-center gap-1.5 rounded-full bg-black/60 px-2.5 py-1 text-xs font-semibold text-white">
        <Captions className="size-3.5" aria-hidden /> Captions on
      </span>
      <div className={`pointer-events-none absolute inset-x-4 z-10 flex justify-center ${bottomClassName}`}>
        {/* Announced as they come, like subtitles read aloud; empty while nobody speaks. */}
        <p aria-live="polite" aria-label="Closed captions" className="max-w-3xl space-y-0.5 text-center">
          {captions.map((caption) => (
            <span key={`${caption.speaker_id}/${caption.start_time}`} className="mx-auto block w-fit rounded-md bg-black/75 px-3 py-1 text-base leading-7 text-white">
              <span className="font-semibold text-slate-300">{caption.user.name || caption.speaker_id}:</span> {caption.text}
            </span>
          ))}
        </p>
      </div>
    </>
  )
}
