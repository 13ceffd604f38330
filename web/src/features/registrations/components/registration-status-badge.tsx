import type { RegistrationStatus } from '@webinar/shared/registrations'
import { cn } from '@/lib/cn'
import { registrationStatusLabels } from '../utils/registration-labels'

export const registrationStatusDots: Record<RegistrationStatus, string> = {
  approved: 'bg-emerald-500',
  pending: 'bg-amber-500',
  waitlisted: 'bg-sky-500',
  cancelled: 'bg-slate-400',
  rejected: 'bg-red-500',
}

const tones: Record<RegistrationStatus, string> = {
  approved: 'bg-emerald-50 text-emerald-700 ring-emerald-600/15',
  // Pending is the state that waits on the organiser: it stands out.
  pending: 'bg-amber-50 text-amber-800 ring-amber-600/20',
  waitlisted: 'bg-sky-50 text-sky-800 ring-sky-600/15',
  cancelled: 'bg-slate-100 text-slate-600 ring-slate-500/10',
  rejected: 'bg-red-50 text-red-700 ring-red-600/15',
}

export function RegistrationStatusBadge({ status, className }: { status: RegistrationStatus; className?: string }) {
  return (
    <span
      className={cn(
        'inline-flex items-center gap-1.5 rounded-full px-2.5 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset',
        tones[status],
        className,
      )}
    >
      <span aria-hidden className={cn('size-1.5 rounded-full', registrationStatusDots[status])} />
      {registrationStatusLabels[status]}
    </span>
  )
}
