import type { Series } from '@webinar/shared/series'
import { formatDateTime } from '@webinar/shared/time-format'
import type { ReactNode } from 'react'
import { describeSeriesRule } from '../utils/recurrence'
import { SeriesStatusBadge } from './series-status-badge'

/** The series' title, state and its rule in words ("Every Tuesday at 10:00 AM (Europe/Berlin), 6 sessions"). */
export function SeriesHeader({ series, actions }: { series: Series; actions?: ReactNode }) {
  return (
    <div className="flex flex-col gap-5 lg:flex-row lg:items-end lg:justify-between">
      <div className="min-w-0">
        <h1 className="text-2xl font-semibold tracking-tight break-words text-slate-900 sm:text-3xl">{series.title}</h1>
        <p className="mt-2.5 flex flex-wrap items-center gap-x-3 gap-y-1.5 text-sm text-slate-600">
          <SeriesStatusBadge status={series.status} />
          <span>{describeSeriesRule(series)}</span>
        </p>
        {series.status === 'cancelled' && series.cancelledAt ? (
          <p className="mt-1.5 text-sm text-slate-500">
            Cancelled <time dateTime={series.cancelledAt}>{formatDateTime(series.cancelledAt, undefined, { hasWeekday: true })}</time>
          </p>
        ) : null}
      </div>
      {actions ? <div className="flex shrink-0 gap-3">{actions}</div> : null}
    </div>
  )
}
