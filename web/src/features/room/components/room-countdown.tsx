import type { JoinView } from '@webinar/shared/registrations'
import { describeWebinarTime, formatMoment } from '@webinar/shared/time-format'
import { CalendarClock } from 'lucide-react'
import { Card } from '@/components/ui/card'
import { viewerTimezone } from '@/lib/viewer-timezone'

function partsOf(milliseconds: number) {
  const rest = Math.max(0, Math.floor(milliseconds / 1000))
  return { days: Math.floor(rest / 86400), hours: Math.floor((rest % 86400) / 3600), minutes: Math.floor((rest % 3600) / 60), seconds: rest % 60 }
}

/**
 * Before the room opens: how long to wait, and when it starts on the visitor's clock and the webinar's. The
 * page switches to the room by itself when the countdown reaches zero.
 */
export function RoomCountdown({ view, opensAt, now }: { view: JoinView; opensAt: string; now: number }) {
  const { days, hours, minutes, seconds } = partsOf(Date.parse(opensAt) - now)
  const time = describeWebinarTime(view.webinar, viewerTimezone())
  const tiles = [...(days > 0 ? [{ value: days, unit: days === 1 ? 'day' : 'days' }] : []), { value: hours, unit: 'hours' }, { value: minutes, unit: 'min' }, { value: seconds, unit: 'sec' }]
  return (
    <div className="flex min-h-dvh items-center justify-center bg-slate-100 px-4 py-12">
      <Card className="w-full max-w-xl px-6 py-10 text-center sm:px-10">
        <div className="mx-auto flex size-14 items-center justify-center rounded-2xl bg-accent-50 text-accent-600">
          <CalendarClock className="size-7" aria-hidden />
        </div>
        <p className="mt-5 text-sm font-medium text-accent-700">Hi {view.registration.name}, you’re registered</p>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight text-slate-900">{view.webinar.title}</h1>
        <p className="mt-2 text-sm text-slate-600">The room opens in</p>
        <div className="mt-4 flex justify-center gap-2.5" role="timer" aria-label={`The room opens ${formatMoment(opensAt)}`}>
          {tiles.map((tile) => (
            <div key={tile.unit} className="w-18 rounded-xl bg-slate-50 py-3 ring-1 ring-slate-900/5">
              <p className="text-2xl font-semibold text-slate-900 tabular-nums">{String(tile.value).padStart(2, '0')}</p>
              <p className="text-xs text-slate-500">{tile.unit}</p>
            </div>
          ))}
        </div>
        <dl className="mx-auto mt-6 max-w-sm space-y-1.5 text-sm text-slate-600">
          <div>
            <dt className="sr-only">Your time</dt>
            <dd>
              <span className="font-medium text-slate-900">{time.date}</span>, {time.time} your time ({time.viewerZone})
            </dd>
          </div>
          {time.inWebinarZone ? (
            <div>
              <dt className="sr-only">Webinar’s time</dt>
              <dd>
                {time.inWebinarZone.time} in {time.inWebinarZone.timezone}
              </dd>
            </div>
          ) : null}
        </dl>
        <p className="mt-6 text-xs text-slate-500">Keep this page open: it lets you in by itself.</p>
      </Card>
    </div>
  )
}
