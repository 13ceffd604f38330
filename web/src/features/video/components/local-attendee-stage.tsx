import type { StreamCredentials, WebinarSettings } from '@webinar/shared/webinars'
import { Captions, Radio } from 'lucide-react'
import { useLocalPresence } from '../hooks/use-local-presence'

const viewerModeLines: Record<WebinarSettings['viewerMode'], string> = {
  webrtc: 'With video on, this webinar plays in the call, under a second behind the host.',
  hls: 'With video on, this webinar plays as a broadcast, 10 to 30 seconds behind the host.',
}

/**
 * The viewer's stage without Stream keys: no broadcast to watch, but the attendee is in the call (the host
 * sees them counted, and attendance is recorded) and the room's chat, questions and polls work. How to turn
 * video on is the operator's business, shown in the studio, not here; which way this webinar would play is said
 * in one quiet line, so a rehearsal in local mode shows what attendees will get.
 */
export function LocalAttendeeStage({
  credentials,
  viewerMode,
  isCaptioning,
}: {
  credentials: StreamCredentials
  viewerMode: WebinarSettings['viewerMode']
  isCaptioning: boolean
}) {
  useLocalPresence(credentials)
  return (
    <div className="flex aspect-video h-full w-full flex-col items-center justify-center gap-3 rounded-2xl bg-slate-900 px-6 text-center">
      <span className="inline-flex items-center gap-2 rounded-full bg-red-600 px-3 py-1 text-xs font-semibold text-white">
        <Radio className="size-3.5" aria-hidden /> Live
      </span>
      <p className="text-base font-semibold text-white">The webinar is live</p>
      <p className="max-w-sm text-sm leading-6 text-slate-300">There is no video on this stage. Join the conversation in the chat, ask questions and answer polls.</p>
      <p className="max-w-sm text-xs leading-5 text-slate-400">{viewerModeLines[viewerMode]}</p>
      {isCaptioning ? (
        // Local mode has no speech recognition: say that captions are on, since no line will ever appear.
        <p role="status" className="mt-1 inline-flex items-center gap-2 rounded-lg bg-white/10 px-3 py-1.5 text-xs text-slate-200">
          <Captions className="size-4 shrink-0" aria-hidden />
          <span>
            <span className="font-semibold text-white">Captions are on.</span> Local mode has no speech recognition, so no text appears here.
          </span>
        </p>
      ) : null}
    </div>
  )
}
