import type { Webinar } from '@webinar/shared/webinars'
import { formatDateTimeIn, formatTimeIn, isViewersClock } from '../utils/schedule'

/**
 * When the webinar starts, on the clocks of its own zone, and on the viewer's when those differ: a host in
 * Paris scheduling for New York sees both.
 */
export function WebinarWhen({ webinar, className }: { webinar: Pick<Webinar, 'startTime' | 'timezone'>; className?: string }) {
  const { startTime, timezone } = webinar
  const isSameClock = isViewersClock(startTime, timezone)
  return (
    <div className={className}>
      <p className="text-slate-900">
        <time dateTime={startTime}>{formatDateTimeIn(startTime, timezone)}</time>
        <span className="text-slate-500"> · {timezone}</span>
      </p>
      <p className="text-slate-500">
        {isSameClock ? 'Same as your time' : `${formatTimeIn(startTime, undefined, timezone)} your time`}
      </p>
    </div>
  )
}
