import { PageHeader } from '@/components/ui/page-header'
import { MailboxEmptyState } from '@/features/mailbox/components/mailbox-empty-state'

export function MailboxRoute() {
  return (
    <div className="space-y-8">
      <title>Mailbox · Webinars</title>
      <PageHeader title="Mailbox" description="Mail kept on this server instead of being sent, so nothing gets lost while you try things out." />
      <MailboxEmptyState />
    </div>
  )
}
