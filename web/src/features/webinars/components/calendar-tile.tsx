import { calendarDay } from '@webinar/shared/time-format'
import { cn } from '@/lib/cn'

/** The day of the webinar at a glance, as on a paper calendar (in the webinar's own zone). */
export function CalendarTile({ startTime, timezone, isMuted = false }: { startTime: string; timezone: string; isMuted?: boolean }) {
  const { month, day } = calendarDay(startTime, timezone)
  return (
    <div
      aria-hidden
      className={cn(
        'flex size-14 shrink-0 flex-col items-center justify-center rounded-xl bg-white ring-1 ring-slate-200',
        isMuted && 'bg-slate-50',
      )}
    >
      <span className={cn('text-[11px] leading-4 font-semibold tracking-wide uppercase', isMuted ? 'text-slate-500' : 'text-accent-600')}>
        {month}
      </span>
      <span className={cn('text-xl leading-6 font-semibold', isMuted ? 'text-slate-500' : 'text-slate-900')}>{day}</span>
    </div>
  )
}
