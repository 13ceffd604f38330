import type { RegistrationListItem } from '@webinar/shared/registrations'
import { formatDateTime, formatWatchTime } from '@webinar/shared/time-format'
import { cn } from '@/lib/cn'

type Attendance = Pick<RegistrationListItem, 'firstJoinedAt' | 'lastLeftAt' | 'watchSeconds' | 'attended'>

/** When they were there, for the tooltip: from their first arrival to their last departure (or "still watching"). */
function presenceOf({ firstJoinedAt, lastLeftAt }: Attendance): string {
  if (!firstJoinedAt) return ''
  return `First joined ${formatDateTime(firstJoinedAt)}; ${lastLeftAt ? `last left ${formatDateTime(lastLeftAt)}` : 'still watching'}`
}

/**
 * A registrant's attendance of the live webinar: how long they watched and whether that counts as attended (the
 * webinar's threshold), or that they never joined.
 */
export function RegistrationAttendance({ registration, className }: { registration: Attendance; className?: string }) {
  if (!registration.firstJoinedAt) return <span className={cn('text-slate-500', className)}>Did not join</span>
  return (
    <span className={cn('inline-flex flex-wrap items-center gap-x-2 gap-y-0.5', className)} title={presenceOf(registration)}>
      <span className="whitespace-nowrap text-slate-900 tabular-nums">{formatWatchTime(registration.watchSeconds)}</span>
      <span
        className={cn(
          'rounded-full px-2 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset',
          registration.attended ? 'bg-emerald-50 text-emerald-700 ring-emerald-600/15' : 'bg-slate-100 text-slate-600 ring-slate-500/10',
        )}
      >
        {registration.attended ? 'Attended' : 'Joined'}
      </span>
    </span>
  )
}
