import type { PublicWebinar } from '@webinar/shared/registrations'
import type { EmailKind } from '../email/render-email.ts'
import { endOf } from '../webinars/schedule-rules.ts'
import type { WebinarRow } from '../webinars/webinar-repository.ts'

export type ClosedReason = NonNullable<PublicWebinar['registration']['closedReason']>

/** Why registering is closed now, or null while it is open. */
export function closedReason(webinar: WebinarRow, now: Date): ClosedReason | null {
  if (webinar.status === 'cancelled') return 'cancelled'
  if (webinar.status === 'ended') return 'ended'
  if (endOf(webinar.startTime, webinar.durationMinutes).getTime() <= now.getTime()) return 'live_over'
  if (webinar.registrationDeadline && webinar.registrationDeadline.getTime() <= now.getTime()) return 'deadline_passed'
  return null
}

export const closedMessages: Record<ClosedReason, string> = {
  cancelled: 'This webinar was cancelled.',
  ended: 'This webinar has ended.',
  live_over: 'This webinar is over.',
  deadline_passed: 'Registration for this webinar has closed.',
}

/** Null when the webinar has no capacity limit. */
export function seatsLeft(webinar: WebinarRow, approvedCount: number): number | null {
  return webinar.capacity === null ? null : Math.max(0, webinar.capacity - approvedCount)
}

/** The mail that tells a registrant where they stand, with their link. */
export const mailForStatus: Record<'approved' | 'pending' | 'waitlisted', EmailKind> = {
  approved: 'confirmation',
  pending: 'pending',
  waitlisted: 'waitlisted',
}
