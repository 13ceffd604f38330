import type { JoinView } from '@webinar/shared/registrations'
import { describeWebinarTime } from '@webinar/shared/time-format'
import { CalendarMinus } from 'lucide-react'
import { Alert } from '@/components/ui/alert'
import { Button, buttonClasses } from '@/components/ui/button'
import { errorMessageOf } from '@/lib/api-error'
import { viewerTimezone } from '@/lib/viewer-timezone'
import { useCancelRegistration } from '../api/cancel-registration'
import { StatusCard } from './status-card'

/** Asks once, plainly, before giving the seat away; the answer replaces the question on the page. */
export function CancelRegistrationConfirm({ token, view }: { token: string; view: JoinView }) {
  const cancel = useCancelRegistration(token)
  const seatNote =
    view.registration.status === 'approved'
      ? 'Your seat is released for someone else, and your personal link stops letting you in.'
      : 'You leave the queue and your personal link stops working.'
  return (
    <StatusCard
      icon={CalendarMinus}
      tone="accent"
      title={`Cancel your registration for ${view.webinar.title}?`}
      footer={
        <div className="flex flex-col-reverse gap-3 sm:flex-row sm:justify-end">
          <a href={`/join/${encodeURIComponent(token)}`} className={buttonClasses({ variant: 'secondary' })}>
            Keep my registration
          </a>
          <Button variant="danger" isPending={cancel.isPending} pendingLabel="Cancelling…" onClick={() => cancel.mutate()}>
            Yes, cancel my registration
          </Button>
        </div>
      }
    >
      <p className="font-medium text-slate-800">{describeWebinarTime(view.webinar, viewerTimezone()).summary}</p>
      <p>{seatNote} You can register again later while there is room.</p>
      {cancel.isError ? <Alert>{errorMessageOf(cancel.error)}</Alert> : null}
    </StatusCard>
  )
}
