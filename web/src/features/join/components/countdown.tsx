import { cn } from '@/lib/cn'

const second = 1000
const minute = 60 * second
const hour = 60 * minute
const day = 24 * hour

function partsOf(milliseconds: number) {
  const rest = Math.max(0, milliseconds)
  return {
    days: Math.floor(rest / day),
    hours: Math.floor((rest % day) / hour),
    minutes: Math.floor((rest % hour) / minute),
    seconds: Math.floor((rest % minute) / second),
  }
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`

/**
 * Time left, in tiles. Screen readers get it as one sentence to the minute (a timer is not read out as it
 * ticks; the label is there when they look).
 */
export function Countdown({ target, now, label }: { target: string; now: number; label: string }) {
  const { days, hours, minutes, seconds } = partsOf(Date.parse(target) - now)
  const units = [
    ...(days > 0 ? [{ value: days, unit: days === 1 ? 'day' : 'days' }] : []),
    { value: hours, unit: hours === 1 ? 'hour' : 'hours' },
    { value: minutes, unit: 'min' },
    { value: seconds, unit: 'sec' },
  ]
  const spoken = [days > 0 ? plural(days, 'day') : null, plural(hours, 'hour'), plural(minutes, 'minute')].filter(Boolean).join(', ')
  return (
    <div role="timer" aria-label={`${label} ${spoken}`}>
      <p aria-hidden className="text-sm font-medium text-slate-600">
        {label}
      </p>
      <div aria-hidden className={cn('mt-2.5 grid gap-2 sm:gap-3', units.length === 4 ? 'grid-cols-4' : 'grid-cols-3')}>
        {units.map(({ value, unit }) => (
          <div key={unit} className="rounded-xl bg-white px-1 py-3 text-center ring-1 ring-slate-200">
            <span className="block text-2xl font-semibold tabular-nums text-slate-900 sm:text-3xl">{String(value).padStart(2, '0')}</span>
            <span className="mt-0.5 block text-xs font-medium text-slate-500">{unit}</span>
          </div>
        ))}
      </div>
    </div>
  )
}
