import type { PublicSeries } from '@webinar/shared/series'
import { formatDuration } from '@webinar/shared/time-format'
import { Clock3, Repeat } from 'lucide-react'
import { InfoRow } from '@/components/ui/info-row'
import { initialsOf } from '@/lib/initials'

/** What a visitor needs to decide: what, who, how often, how long. The sessions follow in their own list. */
export function PublicSeriesDetails({ series }: { series: PublicSeries }) {
  const count = series.occurrences.length
  return (
    <div>
      <p className="mb-3 inline-flex items-center gap-1.5 rounded-full bg-accent-50 px-3 py-1 text-xs font-semibold text-accent-700 ring-1 ring-accent-600/15 ring-inset">
        <Repeat className="size-3.5" aria-hidden />
        Webinar series
      </p>
      <h1 className="text-3xl font-semibold tracking-tight text-balance break-words text-slate-900 sm:text-4xl">{series.title}</h1>
      <p className="mt-4 flex items-center gap-2.5 text-sm text-slate-600">
        <span aria-hidden className="flex size-7 items-center justify-center rounded-full bg-accent-100 text-[11px] font-semibold text-accent-700">
          {initialsOf(series.hostName)}
        </span>
        <span>
          Hosted by <span className="font-medium text-slate-900">{series.hostName}</span>
        </span>
      </p>
      <div className="mt-7 space-y-4">
        <InfoRow icon={Clock3} title={`${formatDuration(series.durationMinutes, { isHourSpelledOut: true })} each`}>
          {count === 0 ? 'No upcoming sessions' : `${count} upcoming ${count === 1 ? 'session' : 'sessions'}, online in your browser`}
        </InfoRow>
      </div>
    </div>
  )
}
