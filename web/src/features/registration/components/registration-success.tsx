import type { PublicWebinar, RegistrationReceipt } from '@webinar/shared/registrations'
import { CircleCheck, Hourglass, ListOrdered, MailCheck, type LucideIcon } from 'lucide-react'
import { useEffect, useRef } from 'react'
import { AddToCalendar } from '@/components/ui/add-to-calendar'
import { Card } from '@/components/ui/card'
import { googleCalendarUrl, outlookCalendarUrl } from '@/lib/calendar-links'
import { cn } from '@/lib/cn'

const statusNotes: Record<RegistrationReceipt['status'], string> = {
  approved: 'Your seat is saved.',
  pending: 'Your registration is still awaiting the organiser’s approval.',
  waitlisted: 'You are still on the waitlist.',
}

function copyOf(receipt: RegistrationReceipt): { title: string; icon: LucideIcon; tone: string } {
  if (receipt.isExisting) return { title: 'You were already registered', icon: MailCheck, tone: 'bg-accent-50 text-accent-600' }
  switch (receipt.status) {
    case 'approved':
      return { title: 'You’re registered', icon: CircleCheck, tone: 'bg-emerald-50 text-emerald-600' }
    case 'pending':
      return { title: 'Your registration is awaiting approval', icon: Hourglass, tone: 'bg-amber-50 text-amber-600' }
    case 'waitlisted':
      return { title: 'You’re on the waitlist', icon: ListOrdered, tone: 'bg-amber-50 text-amber-600' }
  }
}

/** What happens next, depending on how the registration went. The join link itself only ever travels by e-mail. */
export function RegistrationSuccess({ receipt, webinar }: { receipt: RegistrationReceipt; webinar: PublicWebinar }) {
  const headingRef = useRef<HTMLHeadingElement>(null)
  // The form this replaces had the focus: move it here, so screen readers hear the outcome.
  useEffect(() => headingRef.current?.focus(), [])

  const { title, icon: Icon, tone } = copyOf(receipt)
  const email = <strong className="font-medium wrap-anywhere text-slate-900">{receipt.email}</strong>
  const isApproved = receipt.status === 'approved'
  const calendarEvent = {
    title: webinar.title,
    startTime: webinar.startTime,
    endTime: webinar.endTime,
    details: [webinar.description.trim(), 'Your personal join link is in your confirmation e-mail.'].filter(Boolean).join('\n\n'),
    location: window.location.href,
  }

  return (
    <Card className="px-5 py-7 sm:px-7">
      <div className={cn('flex size-12 items-center justify-center rounded-2xl', tone)}>
        <Icon className="size-6" aria-hidden />
      </div>
      <h2 ref={headingRef} tabIndex={-1} className="mt-4 text-xl font-semibold tracking-tight text-slate-900 focus:outline-none">
        {title}
      </h2>
      <div className="mt-2 space-y-3 text-sm leading-6 text-slate-600">
        {receipt.isExisting ? (
          <>
            <p>We’ve sent your personal link again to {email}. {statusNotes[receipt.status]}</p>
            <p>The link in any earlier e-mail no longer works: use the newest one.</p>
          </>
        ) : receipt.status === 'approved' ? (
          <p>Check your inbox for your personal link: we’ve sent it to {email}. It’s how you get in on the day, so keep the e-mail.</p>
        ) : receipt.status === 'pending' ? (
          <p>The organiser reviews each registration. We’ve sent a receipt to {email}, and your personal link follows as soon as you’re approved.</p>
        ) : (
          <p>The webinar is full right now. If a seat frees up, it’s yours: we’ll e-mail {email} straight away with your personal link.</p>
        )}
        {receipt.isExisting ? (
          <p className="text-slate-500">Nothing in your inbox in a few minutes? Check your spam folder.</p>
        ) : (
          <p className="text-slate-500">
            Nothing in your inbox? Check your spam folder, or register again with the same address to have {isApproved ? 'the link' : 'it'} sent once
            more.
          </p>
        )}
      </div>
      {isApproved ? (
        <AddToCalendar className="mt-6 border-t border-slate-100 pt-5" google={googleCalendarUrl(calendarEvent)} outlook={outlookCalendarUrl(calendarEvent)} />
      ) : null}
    </Card>
  )
}
