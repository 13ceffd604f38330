import { Alert } from '@/components/ui/alert'

/** Says why nothing reaches real inboxes, and how to change that. */
export function KeptMailBanner() {
  return (
    <Alert tone="info" title="Mail is kept here because SMTP_URL is not set">
      Nothing is delivered to real inboxes: every message this installation would send is kept in this mailbox instead. Open
      one to see it as the registrant would, and click its links (join, cancel, calendar) to try them. Set{' '}
      <code className="rounded bg-white/70 px-1.5 py-0.5 font-mono text-xs">SMTP_URL</code> and restart to send mail for real.
    </Alert>
  )
}
