import type { JoinView } from '@webinar/shared/registrations'
import { formatClock, formatMoment } from '@webinar/shared/time-format'
import { viewerTimezone } from '@/lib/viewer-timezone'

/**
 * When a finished webinar actually ran, beside when it was planned: people who missed the start want to
 * know whether it began late or ran over. Nothing when it never went live.
 */
export function WebinarRunTimes({ webinar, className }: { webinar: JoinView['webinar']; className?: string }) {
  if (!webinar.liveStartedAt) return null
  const ran = webinar.endedAt
    ? `${formatMoment(webinar.liveStartedAt)} – ${formatClock(webinar.endedAt)}`
    : `from ${formatMoment(webinar.liveStartedAt)}`
  const planned = `${formatMoment(webinar.startTime)} – ${formatClock(webinar.endTime)}`
  return (
    <p className={className}>
      It ran <span className="font-medium text-slate-900">{ran}</span> your time ({viewerTimezone()}); it was scheduled for {planned}.
    </p>
  )
}
