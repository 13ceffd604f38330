import type { WebinarStatus } from '@webinar/shared/webinars'
import { cn } from '@/lib/cn'

export const webinarStatusLabels: Record<WebinarStatus, string> = {
  draft: 'Draft',
  scheduled: 'Scheduled',
  live: 'Live',
  ended: 'Ended',
  cancelled: 'Cancelled',
}

const tones: Record<WebinarStatus, string> = {
  draft: 'bg-slate-100 text-slate-700 ring-slate-500/10',
  scheduled: 'bg-accent-50 text-accent-700 ring-accent-600/15',
  // Live is the one state that needs attention now: solid, with a pulse.
  live: 'bg-red-600 text-white ring-red-600 font-semibold',
  ended: 'bg-slate-100 text-slate-600 ring-slate-500/10',
  cancelled: 'bg-amber-50 text-amber-800 ring-amber-600/20',
}

export function WebinarStatusBadge({ status, className }: { status: WebinarStatus; className?: string }) {
  return (
    <span
      className={cn(
        'inline-flex items-center gap-1.5 rounded-full px-2.5 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset',
        tones[status],
        className,
      )}
    >
      {status === 'live' ? (
        <span aria-hidden className="relative flex size-2">
          <span className="absolute inline-flex size-full animate-ping rounded-full bg-white/80" />
          <span className="relative inline-flex size-2 rounded-full bg-white" />
        </span>
      ) : null}
      {webinarStatusLabels[status]}
    </span>
  )
}
