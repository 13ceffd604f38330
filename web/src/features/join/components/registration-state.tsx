import type { JoinView } from '@webinar/shared/registrations'
import { CalendarCheck2, CalendarX2, CircleSlash, Hourglass, ListOrdered, UserX } from 'lucide-react'
import { buttonClasses } from '@/components/ui/button'
import { useNow } from '@/hooks/use-now'
import { EndedWithReplay } from './ended-with-replay'
import { StatusCard } from './status-card'
import { WaitingRoom } from './waiting-room'
import { WebinarRunTimes } from './webinar-run-times'
import { WebinarSchedule } from './webinar-schedule'

function CancelLink({ token, prompt }: { token: string; prompt: string }) {
  return (
    <p className="text-sm text-slate-600">
      {prompt}{' '}
      <a href={`/join/${encodeURIComponent(token)}/cancel`} className="font-medium text-accent-700 underline-offset-2 hover:underline">
        Cancel my registration
      </a>
    </p>
  )
}

function PublicPageLink({ slug, children }: { slug: string; children: string }) {
  return (
    <a href={`/w/${encodeURIComponent(slug)}`} className={buttonClasses({ variant: 'secondary' })}>
      {children}
    </a>
  )
}

/** Everything a personal link can lead to, from a cancelled webinar to the waiting room. */
export function RegistrationState({ token, view }: { token: string; view: JoinView }) {
  const now = useNow()
  const { registration, webinar } = view

  if (webinar.status === 'cancelled') {
    return (
      <StatusCard icon={CircleSlash} tone="neutral" title="This webinar was cancelled">
        <p>We’re sorry: it will not take place. There is nothing you need to do.</p>
      </StatusCard>
    )
  }
  if (registration.status === 'cancelled') {
    const isOver = webinar.status === 'ended' || now >= Date.parse(webinar.endTime)
    return (
      <StatusCard
        icon={CalendarX2}
        tone="neutral"
        title="Your registration is cancelled"
        footer={isOver ? null : <PublicPageLink slug={webinar.slug}>Register again</PublicPageLink>}
      >
        <p>Your seat has been released and this link no longer lets you in. We’ve sent you a confirmation by e-mail.</p>
        {isOver ? null : <p>Changed your mind? You’re welcome to register again on the webinar’s page.</p>}
      </StatusCard>
    )
  }
  if (registration.status === 'rejected') {
    return (
      <StatusCard icon={UserX} tone="neutral" title="Your registration wasn’t approved">
        <p>Thanks for your interest. Unfortunately the organiser couldn’t approve your registration this time.</p>
      </StatusCard>
    )
  }
  if (webinar.status === 'ended' || (webinar.status !== 'live' && now >= Date.parse(webinar.endTime))) {
    if (registration.status === 'approved') return <EndedWithReplay token={token} view={view} />
    return (
      <StatusCard icon={CalendarCheck2} tone="neutral" title="This webinar has ended">
        <WebinarRunTimes webinar={webinar} />
        <p>Thanks for registering. If a replay becomes available, we’ll e-mail it to you.</p>
      </StatusCard>
    )
  }
  if (registration.status === 'pending') {
    return (
      <StatusCard
        icon={Hourglass}
        tone="waiting"
        title="Your registration is awaiting approval"
        footer={<CancelLink token={token} prompt="Changed your mind?" />}
      >
        <p>The organiser reviews each registration. As soon as yours is approved, we’ll e-mail you and this link will let you in.</p>
        <div className="pt-3">
          <WebinarSchedule webinar={webinar} />
        </div>
      </StatusCard>
    )
  }
  if (registration.status === 'waitlisted') {
    return (
      <StatusCard icon={ListOrdered} tone="waiting" title="You’re on the waitlist" footer={<CancelLink token={token} prompt="No longer interested?" />}>
        <p>The webinar is full right now. If a seat frees up, it goes to the next person on the waitlist and we’ll e-mail you straight away.</p>
        <div className="pt-3">
          <WebinarSchedule webinar={webinar} />
        </div>
      </StatusCard>
    )
  }
  return <WaitingRoom token={token} view={view} now={now} />
}
