import { Radio } from 'lucide-react'
import { LocalModeBanner } from './local-mode-banner'

/** The viewer's stage without Stream keys: there is no broadcast to watch, and the banner says why. */
export function LocalAttendeeStage() {
  return (
    <div className="flex h-full flex-col gap-3">
      <LocalModeBanner />
      <div className="flex aspect-video w-full flex-1 flex-col items-center justify-center gap-3 rounded-2xl bg-slate-900 px-6 text-center">
        <span className="inline-flex items-center gap-2 rounded-full bg-red-600 px-3 py-1 text-xs font-semibold text-white">
          <Radio className="size-3.5" aria-hidden /> Live
        </span>
        <p className="text-base font-semibold text-white">The webinar is live</p>
        <p className="max-w-sm text-sm leading-6 text-slate-300">The host’s video plays here once the platform broadcasts through Stream. Chat, questions and polls work now.</p>
      </div>
    </div>
  )
}
