import { replayLinkLabel } from '@webinar/shared/recordings'
import type { JoinView } from '@webinar/shared/registrations'
import { CalendarCheck2 } from 'lucide-react'
import { ReplayPlayer } from './replay-player'
import { StatusCard } from './status-card'
import { WebinarRunTimes } from './webinar-run-times'

/**
 * The personal page of an approved registrant once the webinar is over: when it ran, and the replay. A webinar
 * past its time that was never ended (never started) has none to offer yet.
 */
export function EndedWithReplay({ token, view }: { token: string; view: JoinView }) {
  const { webinar } = view
  return (
    <StatusCard icon={CalendarCheck2} tone="neutral" title="This webinar has ended">
      <WebinarRunTimes webinar={webinar} />
      {webinar.status === 'ended' ? (
        <section aria-labelledby="replay-heading" className="space-y-3 pt-3">
          <h3 id="replay-heading" className="text-base font-semibold text-slate-900">
            {replayLinkLabel}
          </h3>
          <ReplayPlayer token={token} title={webinar.title} />
        </section>
      ) : (
        <p>Thanks for registering. If a replay becomes available, we’ll e-mail it to you.</p>
      )}
    </StatusCard>
  )
}
