import type { PublicWebinar } from '@webinar/shared/registrations'
import type { Clock } from '../clock.ts'
import type { Database } from '../db/client.ts'
import { notFound } from '../errors.ts'
import { webinarRepository, type WebinarRecord } from '../webinars/webinar-repository.ts'
import { toAttendeeWebinarView } from '../webinars/webinar-view.ts'
import { closedReason, seatsLeft } from './registration-rules.ts'

/** A webinar the public may see: anything but a draft. */
export async function findPublishedWebinar(db: Database, slug: string): Promise<WebinarRecord> {
  const record = await webinarRepository.findBySlug(db, slug)
  if (!record || record.webinar.status === 'draft') throw notFound('Webinar')
  return record
}

/** The public page's data: the webinar, its form, seats left and whether registering is open. */
export async function getPublicWebinar({ db, clock }: { db: Database; clock: Clock }, slug: string): Promise<PublicWebinar> {
  const { webinar, host, formFields } = await findPublishedWebinar(db, slug)
  const left = seatsLeft(webinar, webinar.approvedCount)
  const reason = closedReason(webinar, clock.now())
  return {
    ...toAttendeeWebinarView(webinar, host.name),
    registrationForm: { fields: formFields },
    seatsLeft: left,
    registration: { isOpen: reason === null, closedReason: reason, willWaitlist: webinar.approvalMode === 'auto' && left === 0 },
  }
}
