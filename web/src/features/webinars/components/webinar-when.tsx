import { formatDateTime, formatTimeIn } from '@webinar/shared/time-format'
import { isSameClock } from '@webinar/shared/timezones'
import type { Webinar } from '@webinar/shared/webinars'
import { viewerTimezone } from '@/lib/viewer-timezone'

/**
 * When the webinar starts, on the clocks of its own zone, and on the viewer's when those differ: a host in
 * Paris scheduling for New York sees both.
 */
export function WebinarWhen({ webinar, className }: { webinar: Pick<Webinar, 'startTime' | 'timezone'>; className?: string }) {
  const { startTime, timezone } = webinar
  const isViewersClock = isSameClock(startTime, timezone, viewerTimezone())
  return (
    <div className={className}>
      <p className="text-slate-900">
        <time dateTime={startTime}>{formatDateTime(startTime, timezone, { hasWeekday: true })}</time>
        <span className="text-slate-500"> · {timezone}</span>
      </p>
      <p className="text-slate-500">
        {isViewersClock ? 'Same as your time' : `${formatTimeIn(startTime, undefined, timezone)} your time`}
      </p>
    </div>
  )
}
