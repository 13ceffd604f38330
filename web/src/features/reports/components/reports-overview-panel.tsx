import type { ReportsOverview } from '@webinar/shared/reports'
import { formatDate } from '@webinar/shared/time-format'
import { useId } from 'react'
import { Link } from 'react-router'
import { Alert } from '@/components/ui/alert'
import { Card } from '@/components/ui/card'
import { Spinner } from '@/components/ui/spinner'
import { errorMessageOf } from '@/lib/api-error'
import { cn } from '@/lib/cn'
import { useReportsOverview, type OverviewDays } from '../api/get-reports-overview'
import { formatRate } from '../utils/format-rate'
import { Stat, StatList } from './report-stat'

const periods: OverviewDays[] = [30, 90]

/** 30 or 90 days: two pressed-or-not buttons (a choice of view, not tabs of content). */
function PeriodToggle({ days, onChange }: { days: OverviewDays; onChange: (days: OverviewDays) => void }) {
  return (
    <div role="group" aria-label="Period" className="inline-flex shrink-0 self-start rounded-xl bg-slate-200/60 p-1">
      {periods.map((period) => (
        <button
          key={period}
          type="button"
          aria-pressed={days === period}
          onClick={() => onChange(period)}
          className={cn(
            'inline-flex h-8 items-center rounded-lg px-3 text-sm font-medium text-slate-600 transition-colors hover:text-slate-900',
            'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-600',
            days === period && 'bg-white text-slate-900 shadow-sm',
          )}
        >
          Last {period} days
        </button>
      ))}
    </div>
  )
}

function TopWebinars({ overview }: { overview: ReportsOverview }) {
  if (overview.topWebinars.length === 0) {
    return <p className="rounded-xl bg-slate-50 px-4 py-6 text-center text-sm text-slate-500">No webinar went live in the last {overview.days} days.</p>
  }
  return (
    <ol aria-label="Most attended webinars" className="divide-y divide-slate-100 rounded-xl ring-1 ring-slate-900/5 ring-inset">
      {overview.topWebinars.map((webinar, index) => (
        <li key={webinar.id} className="relative flex items-center gap-3 px-4 py-2.5 hover:bg-slate-50/80">
          <span aria-hidden className="w-4 shrink-0 text-sm font-semibold text-slate-400 tabular-nums">
            {index + 1}
          </span>
          <div className="min-w-0 flex-1">
            {/* Straight to its report; the link covers the row. */}
            <Link
              to={`/admin/webinars/${webinar.id}?tab=report`}
              className="block truncate text-sm font-semibold text-slate-900 after:absolute after:inset-0 hover:text-accent-700 focus-visible:outline-none focus-visible:after:rounded-xl focus-visible:after:outline-2 focus-visible:after:outline-accent-600"
            >
              {webinar.title}
            </Link>
            <p className="text-xs text-slate-500">
              <time dateTime={webinar.startTime}>{formatDate(webinar.startTime)}</time>
            </p>
          </div>
          <p className="shrink-0 text-right text-xs text-slate-600 tabular-nums">
            <span className="block text-sm font-semibold text-slate-900">{webinar.attended.toLocaleString()} attended</span>
            of {webinar.registered.toLocaleString()} registered
          </p>
        </li>
      ))}
    </ol>
  )
}

/**
 * The dashboard's summary above the list: webinars run in the last 30 or 90 days, their registrations, the share
 * of approved registrants who attended, and the most attended ones (a host sees their own webinars only).
 */
export function ReportsOverviewPanel({ days, onDaysChange }: { days: OverviewDays; onDaysChange: (days: OverviewDays) => void }) {
  const overview = useReportsOverview(days)
  const headingId = useId()
  return (
    <Card className="px-5 py-5 sm:px-6 sm:py-6">
      <section aria-labelledby={headingId}>
        <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
          <div>
            <h2 id={headingId} className="flex items-center gap-2 text-base font-semibold text-slate-900">
              Overview
              {overview.isFetching ? <Spinner className="size-4 text-slate-400" /> : null}
            </h2>
            <p className="mt-1 text-sm text-slate-600">Webinars that went live in the last {days} days.</p>
          </div>
          <PeriodToggle days={days} onChange={onDaysChange} />
        </div>
        {overview.isPending ? (
          <div role="status" className="flex items-center gap-3 py-10 text-sm text-slate-500">
            <Spinner className="size-5 text-accent-600" />
            Loading the overview…
          </div>
        ) : overview.isError ? (
          <Alert title="The overview could not be loaded" className="mt-5">
            {errorMessageOf(overview.error)}
          </Alert>
        ) : (
          <div className={cn('mt-5 grid gap-5 transition-opacity lg:grid-cols-[minmax(0,1fr)_minmax(0,1.2fr)]', overview.isPlaceholderData && 'opacity-60')}>
            {/* Three in a row from tablets on; on phones the rate takes a row of its own (its label and note are long). */}
            <StatList label={`Last ${overview.data.days} days`} className="grid-cols-2 content-start sm:grid-cols-3">
              <Stat label="Webinars run" value={overview.data.webinarsRun.toLocaleString()} />
              <Stat label="Registrations" value={overview.data.registrations.toLocaleString()} />
              <Stat label="Attendance rate" value={formatRate(overview.data.attendanceRate)} note="attended of approved" className="col-span-2 sm:col-span-1" />
            </StatList>
            <div>
              <h3 className="mb-2 text-sm font-medium text-slate-600">Most attended</h3>
              <TopWebinars overview={overview.data} />
            </div>
          </div>
        )}
      </section>
    </Card>
  )
}
