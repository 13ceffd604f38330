import type { PublicWebinar } from '@webinar/shared/registrations'
import { CalendarX2, CircleSlash, Hourglass } from 'lucide-react'
import { Card } from '@/components/ui/card'

type ClosedReason = NonNullable<PublicWebinar['registration']['closedReason']>

const closedCopy: Record<ClosedReason, { title: string; body: string; icon: typeof CalendarX2 }> = {
  deadline_passed: {
    title: 'Registration has closed',
    body: 'The registration deadline for this webinar has passed. If you already registered, your personal link in your e-mail still works.',
    icon: Hourglass,
  },
  cancelled: {
    title: 'This webinar was cancelled',
    body: 'It will not take place. Everyone who registered has been told by e-mail; there is nothing you need to do.',
    icon: CircleSlash,
  },
  ended: { title: 'This webinar has ended', body: 'Registration is closed. Thanks for your interest!', icon: CalendarX2 },
  live_over: { title: 'This webinar is over', body: 'Registration is closed. Thanks for your interest!', icon: CalendarX2 },
}

export function RegistrationClosed({ reason }: { reason: ClosedReason | null }) {
  const { title, body, icon: Icon } = closedCopy[reason ?? 'ended']
  return (
    <Card className="px-5 py-7 sm:px-7">
      <div className="flex size-12 items-center justify-center rounded-2xl bg-slate-100 text-slate-500">
        <Icon className="size-6" aria-hidden />
      </div>
      <h2 className="mt-4 text-xl font-semibold tracking-tight text-slate-900">{title}</h2>
      <p className="mt-2 text-sm leading-6 text-slate-600">{body}</p>
    </Card>
  )
}
