import type { MailboxSummary } from '@webinar/shared/mailbox'
import { cn } from '@/lib/cn'
import { mailKindLabel } from '../utils/mail-kinds'

const statusLabels: Record<MailboxSummary['status'], string> = { kept: 'Kept', queued: 'Queued', sent: 'Sent', failed: 'Failed' }
const statusTones: Record<MailboxSummary['status'], string> = {
  kept: 'bg-slate-100 text-slate-700 ring-slate-500/10',
  queued: 'bg-amber-50 text-amber-800 ring-amber-600/20',
  sent: 'bg-emerald-50 text-emerald-700 ring-emerald-600/15',
  failed: 'bg-red-50 text-red-700 ring-red-600/20',
}
const statusHints: Record<MailboxSummary['status'], string> = {
  kept: 'Kept here: no mail server is configured',
  queued: 'Waiting to be sent',
  sent: 'Delivered to the mail server',
  failed: 'Could not be sent',
}

const badgeClasses = 'inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset'

export function MailStatusBadge({ status, className }: { status: MailboxSummary['status']; className?: string }) {
  return (
    <span title={statusHints[status]} className={cn(badgeClasses, statusTones[status], className)}>
      {statusLabels[status]}
    </span>
  )
}

export function MailKindBadge({ kind, className }: { kind: string; className?: string }) {
  return <span className={cn(badgeClasses, 'bg-accent-50 text-accent-700 ring-accent-600/15', className)}>{mailKindLabel(kind)}</span>
}
