import type { Webinar } from '@webinar/shared/webinars'
import { formatDateTime, formatDuration, formatTimeIn } from '@webinar/shared/time-format'
import { isSameClock } from '@webinar/shared/timezones'
import { Link } from 'react-router'
import { Card } from '@/components/ui/card'
import { viewerTimezone } from '@/lib/viewer-timezone'
import { CalendarTile } from './calendar-tile'
import { ProvisioningState } from './provisioning-state'
import { WebinarStatusBadge } from './webinar-status-badge'

function WebinarRow({ webinar }: { webinar: Webinar }) {
  const { startTime, timezone } = webinar
  const isOver = webinar.status === 'ended' || webinar.status === 'cancelled'
  return (
    <li className="relative flex flex-col gap-3 px-5 py-4 transition-colors hover:bg-slate-50/80 sm:flex-row sm:items-center sm:gap-5 sm:px-6">
      <div className="flex min-w-0 flex-1 gap-4">
        <CalendarTile startTime={startTime} timezone={timezone} isMuted={isOver} />
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-x-2.5 gap-y-1">
            {/* The link covers the whole row (after:), so the row is one big target on phones. */}
            <Link
              to={`/admin/webinars/${webinar.id}`}
              className="min-w-0 truncate text-base font-semibold text-slate-900 after:absolute after:inset-0 hover:text-accent-700 focus-visible:outline-none focus-visible:after:rounded-lg focus-visible:after:outline-2 focus-visible:after:outline-accent-600"
            >
              {webinar.title}
            </Link>
            <WebinarStatusBadge status={webinar.status} />
          </div>
          <p className="mt-1 text-sm text-slate-700">
            <time dateTime={startTime}>{formatDateTime(startTime, timezone, { hasWeekday: true })}</time>
            <span className="text-slate-500"> · </span>
            <span className="whitespace-nowrap">{formatDuration(webinar.durationMinutes)}</span>
          </p>
          <p className="mt-0.5 text-sm text-slate-500">
            {timezone}
            {isSameClock(startTime, timezone, viewerTimezone()) ? null : (
              <>
                <span className="text-slate-500"> · </span>
                <span className="whitespace-nowrap">{formatTimeIn(startTime, undefined, timezone)} your time</span>
              </>
            )}
          </p>
        </div>
      </div>
      {/* Above the row's link, so the call id can be selected and copied. */}
      <div className="relative z-10 flex flex-col gap-1 pl-18 sm:w-72 sm:shrink-0 sm:items-end sm:pl-0 sm:text-right">
        <ProvisioningState webinar={webinar} className="sm:text-right" />
        <code className="font-mono text-[11px] break-all text-slate-500 sm:text-xs" title="Stream call id">
          {webinar.streamCallId}
        </code>
      </div>
    </li>
  )
}

export function WebinarsList({ webinars, label }: { webinars: Webinar[]; label: string }) {
  return (
    <Card className="overflow-hidden">
      <ul role="list" aria-label={label} className="divide-y divide-slate-100">
        {webinars.map((webinar) => (
          <WebinarRow key={webinar.id} webinar={webinar} />
        ))}
      </ul>
    </Card>
  )
}
