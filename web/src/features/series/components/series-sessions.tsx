import type { PublicSeries } from '@webinar/shared/series'
import { calendarDay, describeWebinarTime } from '@webinar/shared/time-format'
import { DateTile } from '@/components/ui/date-tile'
import { viewerTimezone } from '@/lib/viewer-timezone'

/** The upcoming sessions, each on the visitor's clock first and on the series' clocks when those read differently. */
export function SeriesSessions({ series }: { series: PublicSeries }) {
  const viewerZone = viewerTimezone()
  return (
    <section aria-labelledby="sessions-heading">
      <h2 id="sessions-heading" className="text-sm font-semibold tracking-wide text-slate-500 uppercase">
        Upcoming sessions
      </h2>
      <ul className="mt-3 divide-y divide-slate-200/80 rounded-2xl bg-white px-4 shadow-sm ring-1 ring-slate-900/5 sm:px-5">
        {series.occurrences.map((occurrence) => {
          const time = describeWebinarTime({ ...occurrence, timezone: series.timezone }, viewerZone)
          const { month, day } = calendarDay(occurrence.startTime, viewerZone)
          return (
            <li key={occurrence.webinarId} className="flex gap-3.5 py-3.5">
              <DateTile month={month} day={day} isMuted={!occurrence.isOpen} />
              <div className="min-w-0 self-center text-sm leading-6">
                <p className="font-medium text-slate-900">
                  <time dateTime={occurrence.startTime}>{time.date}</time>
                </p>
                <p className="text-slate-600">
                  <span className="font-medium text-slate-800">{time.time}</span> your time ({time.viewerZone})
                  {time.inWebinarZone ? (
                    <span className="block text-slate-500">
                      {time.inWebinarZone.time} in {time.inWebinarZone.timezone}
                    </span>
                  ) : null}
                </p>
                {!occurrence.isOpen ? (
                  <p className="text-slate-500">Registration closed</p>
                ) : occurrence.willWaitlist ? (
                  <p className="text-amber-800">Full: waitlist only</p>
                ) : null}
              </div>
            </li>
          )
        })}
      </ul>
    </section>
  )
}
