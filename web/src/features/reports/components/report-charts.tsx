import type { WebinarReport } from '@webinar/shared/reports'
import { formatClock, formatShortDate } from '@webinar/shared/time-format'
import { offsetLabel } from '@webinar/shared/timezones'
import { useMemo, type ReactNode } from 'react'
import { Card, CardHeader } from '@/components/ui/card'
import { TimeSeriesChart, type TimeSeries } from '@/components/ui/time-series-chart'

const daySeconds = 86_400
const plural = (count: number, one: string, many: string) => `${count.toLocaleString()} ${count === 1 ? one : many}`
const viewersOf = (count: number) => plural(count, 'viewer', 'viewers')
const registrationsOf = (count: number) => plural(count, 'registration', 'registrations')

/** A calendar day ("2031-03-04") as the instant of its midnight in UTC: charts and labels then read it in UTC, unshifted. */
const dayInstant = (day: string) => Date.parse(`${day}T00:00:00Z`)
const shortDay = (seconds: number) => new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(seconds * 1000)

/** The chart's numbers, for everyone who cannot or would rather not read a chart: folded away under it. */
function NumbersTable({ subject, columns, rows }: { subject: string; columns: [string, string]; rows: [string, string][] }) {
  return (
    <details className="group border-t border-slate-100">
      <summary className="cursor-pointer px-5 py-3.5 text-sm font-medium text-accent-700 hover:text-accent-600 sm:px-6">
        Show the numbers<span className="sr-only"> ({subject})</span>
      </summary>
      <div className="max-h-80 overflow-y-auto px-5 pb-4 sm:px-6">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{subject}</caption>
          <thead className="sticky top-0 bg-white text-xs font-medium tracking-wide text-slate-500 uppercase">
            <tr className="border-b border-slate-200">
              <th scope="col" className="py-2 pr-3 font-medium">
                {columns[0]}
              </th>
              <th scope="col" className="py-2 text-right font-medium">
                {columns[1]}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map(([when, value]) => (
              <tr key={when}>
                <th scope="row" className="py-2 pr-3 font-normal text-slate-700">
                  {when}
                </th>
                <td className="py-2 text-right text-slate-900 tabular-nums">{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  )
}

function ChartCard({ title, description, chart, table }: { title: string; description: string; chart: ReactNode; table: ReactNode }) {
  return (
    <Card className="overflow-hidden">
      <CardHeader title={title} description={description} />
      <div className="px-3 pt-1 pb-3 sm:px-4">{chart}</div>
      {table}
    </Card>
  )
}

/** Registrants present in each minute of the live webinar, on the reader's clock. */
export function ViewersChart({ timeline }: { timeline: WebinarReport['timeline'] }) {
  const series = useMemo<TimeSeries>(
    () => ({ times: timeline.map((entry) => Date.parse(entry.minute) / 1000), values: timeline.map((entry) => entry.viewers) }),
    [timeline],
  )
  const zone = offsetLabel(undefined)
  return (
    <ChartCard
      title="Viewers over time"
      description="Registrants watching in each minute while the webinar was live; two tabs count once."
      chart={
        <TimeSeriesChart
          label="Viewers per minute"
          kind="steps"
          series={series}
          step={60}
          xLabel={`Your time (${zone})`}
          yLabel="Viewers"
          formatTime={(seconds) => formatClock(new Date(seconds * 1000))}
          formatValue={viewersOf}
        />
      }
      table={
        <NumbersTable
          subject="Viewers per minute"
          columns={[`Minute (${zone})`, 'Viewers']}
          rows={timeline.map((entry) => [formatClock(entry.minute), entry.viewers.toLocaleString()])}
        />
      }
    />
  )
}

/** Registrations made each day, in the webinar's time zone; days without any show as gaps in the chart. */
export function RegistrationsChart({ registrationsByDay, timezone }: { registrationsByDay: WebinarReport['registrationsByDay']; timezone: string }) {
  const series = useMemo<TimeSeries>(() => {
    // The server leaves quiet days out: the chart shows them as days with none, so that time runs evenly.
    const counts = new Map(registrationsByDay.map((entry) => [dayInstant(entry.day) / 1000, entry.count]))
    const times: number[] = []
    const first = registrationsByDay[0] ? dayInstant(registrationsByDay[0].day) / 1000 : 0
    const last = registrationsByDay.at(-1) ? dayInstant(registrationsByDay.at(-1)!.day) / 1000 : -1
    for (let day = first; day <= last; day += daySeconds) times.push(day)
    return { times, values: times.map((day) => counts.get(day) ?? 0) }
  }, [registrationsByDay])
  return (
    <ChartCard
      title="Registrations over time"
      description={`Registrations made each day, in the webinar’s time zone (${timezone}).`}
      chart={
        <TimeSeriesChart
          label="Registrations per day"
          kind="bars"
          series={series}
          step={daySeconds}
          timezone="UTC"
          xLabel={`Day (${timezone})`}
          yLabel="Registrations"
          formatTime={shortDay}
          formatValue={registrationsOf}
        />
      }
      table={
        <NumbersTable
          subject="Registrations per day"
          columns={['Day', 'Registrations']}
          rows={registrationsByDay.map((entry) => [formatShortDate(new Date(dayInstant(entry.day)), 'UTC'), entry.count.toLocaleString()])}
        />
      }
    />
  )
}
