import type { JoinView } from '@webinar/shared/registrations'
import { CalendarCheck2 } from 'lucide-react'
import { lazy, Suspense } from 'react'
import { replayLinkLabel } from '../utils/replay-link-label'
import { StatusCard } from './status-card'
import { WebinarRunTimes } from './webinar-run-times'

// Loaded when there is a replay to show: the personal page of a webinar still ahead does not download it (bench B6).
const ReplayPlayer = lazy(async () => ({ default: (await import('./replay-player')).ReplayPlayer }))

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
          {/* The player's frame, empty, until its code is there. */}
          <Suspense fallback={<div className="aspect-video w-full rounded-xl bg-gradient-to-br from-slate-900 to-indigo-950" />}>
            <ReplayPlayer token={token} title={webinar.title} />
          </Suspense>
        </section>
      ) : (
        <p>Thanks for registering. If a replay becomes available, we’ll e-mail it to you.</p>
      )}
    </StatusCard>
  )
}
