import type { JoinView } from '@webinar/shared/registrations'
import { formatClockTime, formatMoment, visitorTimezone } from '@/lib/webinar-time'

/**
 * When a finished webinar actually ran, beside when it was planned: people who missed the start want to
 * know whether it began late or ran over. Nothing when it never went live.
 */
export function WebinarRunTimes({ webinar, className }: { webinar: JoinView['webinar']; className?: string }) {
  if (!webinar.liveStartedAt) return null
  const ran = webinar.endedAt
    ? `${formatMoment(webinar.liveStartedAt)} – ${formatClockTime(webinar.endedAt)}`
    : `from ${formatMoment(webinar.liveStartedAt)}`
  const planned = `${formatMoment(webinar.startTime)} – ${formatClockTime(webinar.endTime)}`
  return (
    <p className={className}>
      It ran <span className="font-medium text-slate-900">{ran}</span> your time ({visitorTimezone()}); it was scheduled for {planned}.
    </p>
  )
}
