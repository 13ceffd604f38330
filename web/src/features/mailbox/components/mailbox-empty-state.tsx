import { Inbox } from 'lucide-react'
import { EmptyState } from '@/components/ui/empty-state'

export function MailboxEmptyState() {
  return (
    <EmptyState icon={Inbox} title="No mail yet">
      <p>
        When this installation runs without <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-800">SMTP_URL</code>,
        the mail it would send (registration confirmations with join links, reminders, “we’re live” notices) is kept here
        instead of being delivered. You can open each message and click its links while you try things out.
      </p>
      <p className="mt-3 text-slate-500">Mail starts arriving here once registrations open, in a coming update.</p>
    </EmptyState>
  )
}
