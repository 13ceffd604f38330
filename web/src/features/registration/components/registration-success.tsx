import type { PublicWebinar, RegistrationReceipt } from '@webinar/shared/registrations'
import { CircleCheck, Hourglass, ListOrdered, type LucideIcon } from 'lucide-react'
import { useEffect, useRef } from 'react'
import { AddToCalendar } from '@/components/ui/add-to-calendar'
import { Card } from '@/components/ui/card'
import { googleCalendarUrl, outlookCalendarUrl } from '@/lib/calendar-links'
import { cn } from '@/lib/cn'

function copyOf(status: RegistrationReceipt['status']): { title: string; icon: LucideIcon; tone: string } {
  switch (status) {
    case 'approved':
      return { title: 'You’re registered', icon: CircleCheck, tone: 'bg-emerald-50 text-emerald-600' }
    case 'pending':
      return { title: 'Registration received', icon: Hourglass, tone: 'bg-amber-50 text-amber-600' }
    case 'waitlisted':
      return { title: 'You’re on the waitlist', icon: ListOrdered, tone: 'bg-amber-50 text-amber-600' }
  }
}

/**
 * What happens next, depending on how the registration went. The join link itself only ever travels by e-mail.
 * The page reads the same whether the address was new or already registered (the server does not say, so that
 * nobody learns who is registered): the quiet last lines speak to someone who registered before.
 */
export function RegistrationSuccess({ receipt, webinar }: { receipt: RegistrationReceipt; webinar: PublicWebinar }) {
  const headingRef = useRef<HTMLHeadingElement>(null)
  // The form this replaces had the focus: move it here, so screen readers hear the outcome.
  useEffect(() => headingRef.current?.focus(), [])

  const { title, icon: Icon, tone } = copyOf(receipt.status)
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
        {receipt.status === 'approved' ? (
          <p>We’ve e-mailed your personal join link to {email}. It’s how you get in on the day, so keep the e-mail.</p>
        ) : receipt.status === 'pending' ? (
          <p>The organiser reviews each registration. We’ve sent a receipt to {email}, and your personal join link follows as soon as you’re approved.</p>
        ) : (
          <p>The webinar is full right now. If a seat frees up, it’s yours: we’ll e-mail {email} straight away with your personal join link.</p>
        )}
        <div className="space-y-1 text-slate-500">
          <p>Already registered with this address? Your registration stays as it was, and we’ve sent you the same link again.</p>
          <p>Nothing in your inbox after a few minutes? Check your spam folder.</p>
        </div>
      </div>
      {isApproved ? (
        <AddToCalendar className="mt-6 border-t border-slate-100 pt-5" google={googleCalendarUrl(calendarEvent)} outlook={outlookCalendarUrl(calendarEvent)} />
      ) : null}
    </Card>
  )
}
