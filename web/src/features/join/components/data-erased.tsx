import type { ErasedPerson } from '@webinar/shared/privacy'
import { ShieldCheck } from 'lucide-react'
import { StatusCard } from './status-card'

/** What the registrant sees once their data is erased: the link behind this page no longer opens anything. */
export function DataErased({ erased }: { erased: ErasedPerson }) {
  const count = erased.erasedRegistrations
  return (
    <StatusCard icon={ShieldCheck} tone="success" title="Your data has been erased">
      <p>
        We’ve cancelled what was still ahead and erased everything we held about you under this e-mail address
        {count > 1 ? `, across ${count} registrations` : ''}: your name, address, phone number, answers, the e-mails we sent you and your name
        in chats and questions.
      </p>
      <p>We won’t e-mail you about these webinars again, and this link no longer works. You can close this page.</p>
    </StatusCard>
  )
}
