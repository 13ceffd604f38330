import type { Series } from '@webinar/shared/series'
import { formatClock, formatShortDate } from '@webinar/shared/time-format'
import { offsetLabel } from '@webinar/shared/timezones'
import { Link } from 'react-router'
import { Card, CardHeader } from '@/components/ui/card'
import { WebinarStatusBadge } from '@/features/webinars/components/webinar-status-badge'

/** A YYYY-MM-DD of the rule as a day ("Tue, Oct 5, 2027"): midnight UTC stands for that calendar day. */
const calendarDayText = (localDate: string) => formatShortDate(`${localDate}T00:00:00Z`, 'UTC')

/**
 * The sessions made so far, each on the series' clocks with its offset from UTC: "10:00 AM GMT+1" before the change
 * to summer time and "10:00 AM GMT+2" after, the same time of day at another instant. Dates the rule gives beyond
 * the horizon follow, muted: they become sessions as they come within reach.
 */
export function SeriesOccurrences({ series }: { series: Series }) {
  const { timezone } = series
  return (
    <Card className="overflow-hidden">
      <CardHeader
        title="Sessions"
        description={`Each one is a webinar of its own: open it to see its registrations or change it. Times are in ${timezone}.`}
      />
      <div className="mt-4">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Sessions of {series.title}</caption>
          <thead className="border-y border-slate-100 bg-slate-50/70 text-xs font-medium tracking-wide text-slate-500 uppercase">
            <tr>
              <th scope="col" className="px-5 py-2.5 font-medium sm:px-6">
                Date
              </th>
              <th scope="col" className="px-3 py-2.5 font-medium">
                Time
              </th>
              <th scope="col" className="hidden px-3 py-2.5 font-medium sm:table-cell">
                Status
              </th>
              <th scope="col" className="hidden px-5 py-2.5 text-right font-medium sm:table-cell sm:px-6">
                Registrations
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {series.occurrences.map((occurrence) => (
              <tr key={occurrence.webinarId} className="transition-colors hover:bg-slate-50/80">
                <th scope="row" className="px-5 py-3 font-normal sm:px-6">
                  <Link to={`/admin/webinars/${occurrence.webinarId}`} className="rounded-sm font-medium text-accent-700 hover:text-accent-600 hover:underline">
                    <time dateTime={occurrence.startTime}>{formatShortDate(occurrence.startTime, timezone)}</time>
                  </Link>
                  {occurrence.title !== series.title ? <span className="block text-xs text-slate-500">{occurrence.title}</span> : null}
                  {/* On phones the status and the registrations sit under the date: four columns do not fit. */}
                  <span className="mt-1 flex items-center gap-2 text-xs text-slate-500 sm:hidden">
                    <WebinarStatusBadge status={occurrence.status} />
                    {occurrence.registrations.toLocaleString()} registered
                  </span>
                </th>
                <td className="px-3 py-3 align-top whitespace-nowrap text-slate-900 sm:align-middle">
                  {formatClock(occurrence.startTime, timezone)} <span className="text-slate-500">{offsetLabel(timezone, occurrence.startTime)}</span>
                </td>
                <td className="hidden px-3 py-3 sm:table-cell">
                  <WebinarStatusBadge status={occurrence.status} />
                </td>
                <td className="hidden px-5 py-3 text-right text-slate-900 tabular-nums sm:table-cell sm:px-6">{occurrence.registrations.toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {series.laterDates.length > 0 ? (
        <div className="border-t border-slate-100 px-5 py-4 sm:px-6">
          <h3 className="text-sm font-medium text-slate-700">Later dates</h3>
          <p className="mt-0.5 text-sm text-slate-500">Not created yet: each becomes a session when it is less than 180 days away.</p>
          <ul aria-label="Later dates" className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm text-slate-500">
            {series.laterDates.map((date) => (
              <li key={date}>
                <time dateTime={date}>{calendarDayText(date)}</time>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </Card>
  )
}
