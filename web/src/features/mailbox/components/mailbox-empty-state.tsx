import { Inbox } from 'lucide-react'
import { EmptyState } from '@/components/ui/empty-state'

export function MailboxEmptyState() {
  return (
    <EmptyState icon={Inbox} title="No mail yet">
      <p>
        Every mail this installation sends (registration confirmations with join links, reminders, “we’re live” notices) is
        listed here with its delivery state. Without{' '}
        <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-800">SMTP_URL</code>, mail is kept here
        instead of being delivered, so you can open each message and click its links while you try things out.
      </p>
      <p className="mt-3 text-slate-500">Register for one of your webinars on its public page to see the first one arrive.</p>
    </EmptyState>
  )
}
