import type { SeriesList as SeriesListAnswer } from '@webinar/shared/series'
import { formatDateTime, formatTimeIn } from '@webinar/shared/time-format'
import { isSameClock } from '@webinar/shared/timezones'
import { Link } from 'react-router'
import { Card } from '@/components/ui/card'
import { viewerTimezone } from '@/lib/viewer-timezone'
import { localDateOf, timeOfDayOf } from '../utils/recurrence'
import { SeriesStatusBadge } from './series-status-badge'

type SeriesSummary = SeriesListAnswer['items'][number]

function SeriesRow({ series }: { series: SeriesSummary }) {
  const { nextStartTime, timezone } = series
  // The time of day as the series' clocks show it on its next session (or today's date when none is left).
  const timeOfDay = timeOfDayOf(localDateOf(nextStartTime ?? new Date(), timezone), series.localTime, timezone)
  return (
    <li className="relative flex flex-col gap-2 px-5 py-4 transition-colors hover:bg-slate-50/80 sm:flex-row sm:items-center sm:gap-6 sm:px-6">
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-center gap-x-2.5 gap-y-1">
          {/* The link covers the whole row (after:), so the row is one big target on phones. */}
          <Link
            to={`/admin/series/${series.id}`}
            className="min-w-0 truncate text-base font-semibold text-slate-900 after:absolute after:inset-0 hover:text-accent-700 focus-visible:outline-none focus-visible:after:rounded-lg focus-visible:after:outline-2 focus-visible:after:outline-accent-600"
          >
            {series.title}
          </Link>
          <SeriesStatusBadge status={series.status} />
        </div>
        <p className="mt-1 text-sm text-slate-700">
          At {timeOfDay} <span className="text-slate-500">· {timezone}</span>
        </p>
      </div>
      <div className="text-sm sm:w-80 sm:shrink-0 sm:text-right">
        {nextStartTime ? (
          <>
            <p className="text-slate-700">
              Next <time dateTime={nextStartTime}>{formatDateTime(nextStartTime, timezone, { hasWeekday: true })}</time>
            </p>
            <p className="text-slate-500">
              {series.upcomingOccurrences} upcoming {series.upcomingOccurrences === 1 ? 'session' : 'sessions'}
              {isSameClock(nextStartTime, timezone, viewerTimezone()) ? null : <> · {formatTimeIn(nextStartTime, undefined, timezone)} your time</>}
            </p>
          </>
        ) : (
          <p className="text-slate-500">No upcoming sessions</p>
        )}
      </div>
    </li>
  )
}

export function SeriesList({ series }: { series: SeriesSummary[] }) {
  return (
    <Card className="overflow-hidden">
      <ul role="list" aria-label="Series" className="divide-y divide-slate-100">
        {series.map((item) => (
          <SeriesRow key={item.id} series={item} />
        ))}
      </ul>
    </Card>
  )
}
