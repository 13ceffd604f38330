import { cn } from '@/lib/cn'

/** A day at a glance, as on a paper calendar: "MAR" over "4". Decorative: the date is always written out beside it. */
export function DateTile({ month, day, isMuted = false, className }: { month: string; day: string; isMuted?: boolean; className?: string }) {
  return (
    <div
      aria-hidden
      className={cn(
        'flex size-12 shrink-0 flex-col items-center justify-center overflow-hidden rounded-xl ring-1 ring-slate-200',
        // One background or the other: the public pages join classes without merging them (lib/cn.ts).
        isMuted ? 'bg-slate-50' : 'bg-white',
        className,
      )}
    >
      <span className={cn('text-[10px] leading-4 font-semibold tracking-wide uppercase', isMuted ? 'text-slate-500' : 'text-accent-600')}>
        {month}
      </span>
      <span className={cn('text-lg leading-5 font-semibold', isMuted ? 'text-slate-500' : 'text-slate-900')}>{day}</span>
    </div>
  )
}
