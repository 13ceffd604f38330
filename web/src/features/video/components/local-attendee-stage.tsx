import type { StreamCredentials } from '@webinar/shared/webinars'
import { Radio } from 'lucide-react'
import { useLocalPresence } from '../hooks/use-local-presence'

/**
 * The viewer's stage without Stream keys: no broadcast to watch, but the attendee is in the call (the host
 * sees them counted, and attendance is recorded) and the room's chat, questions and polls work. How to turn
 * video on is the operator's business, shown in the studio, not here.
 */
export function LocalAttendeeStage({ credentials }: { credentials: StreamCredentials }) {
  useLocalPresence(credentials)
  return (
    <div className="flex aspect-video h-full w-full flex-col items-center justify-center gap-3 rounded-2xl bg-slate-900 px-6 text-center">
      <span className="inline-flex items-center gap-2 rounded-full bg-red-600 px-3 py-1 text-xs font-semibold text-white">
        <Radio className="size-3.5" aria-hidden /> Live
      </span>
      <p className="text-base font-semibold text-white">The webinar is live</p>
      <p className="max-w-sm text-sm leading-6 text-slate-300">There is no video on this stage. Join the conversation in the chat, ask questions and answer polls.</p>
    </div>
  )
}
