import type { Registration } from '@webinar/shared/registrations'
import type pg from 'pg'
import type { Database } from '../db/client.ts'
import { runInTransaction, type Transaction } from '../db/transaction.ts'
import type { Outbox } from '../email/outbox.ts'
import type { EmailKind } from '../email/render-email.ts'
import { conflict, notFound } from '../errors.ts'
import { queueNames, type JobQueue } from '../jobs/job-queue.ts'
import type { JoinTokens } from '../join/join-token.ts'
import type { OutgoingEvents } from '../outgoing-webhooks/outgoing-events.ts'
import { webinarRepository } from '../webinars/webinar-repository.ts'
import { promoteFromWaitlist } from './promote-from-waitlist.ts'
import { registrationRepository, type RegistrationRow } from './registration-repository.ts'
import { toRegistrationView } from './registration-view.ts'
import { seatRepository } from './seat-repository.ts'

export interface ChangeRegistrationStatusDependencies {
  db: Database
  pool: pg.Pool
  outbox: Outbox
  jobs: Pick<JobQueue, 'sendInTransaction'>
  /** registration.updated for integrators, in the transaction that changes the status. */
  outgoingEvents: OutgoingEvents
  /** To retire the link (`isLinkRetired`). */
  joinTokens: JoinTokens
}

export interface ChangeRegistrationStatusOptions {
  /** Mail the registrant about it (the default). A moderator removing someone from the room sends nothing. */
  isMailed?: boolean
  /** Also retire the personal link (a new token version): the old one stops working at once, nothing replaces it. */
  isLinkRetired?: boolean
  /** More work in the same transaction, once the status changed (not called when it was already `to`). */
  alsoInTransaction?: (transaction: Transaction, changed: RegistrationRow) => Promise<void>
}

/**
 * Approve, reject or cancel a registration. A seat freed by a rejection or cancellation goes to the
 * waitlist at once; approving beyond capacity is refused. Someone who may have held the call's token
 * (approved before) is blocked from the call, and someone approved again is let back in (a job, so a Stream
 * outage delays it but loses nothing).
 */
export async function changeRegistrationStatus(
  { db, pool, outbox, jobs, outgoingEvents, joinTokens }: ChangeRegistrationStatusDependencies,
  webinarId: string,
  registrationId: string,
  to: 'approved' | 'rejected' | 'cancelled',
  { isMailed = true, isLinkRetired = false, alsoInTransaction }: ChangeRegistrationStatusOptions = {},
): Promise<Registration> {
  const record = await webinarRepository.findById(db, webinarId)
  if (!record) throw notFound('Webinar')
  return runInTransaction(pool, async (transaction) => {
    const webinar = await seatRepository.lock(transaction.db, webinarId)
    if (!webinar) throw notFound('Webinar')
    const registration = await registrationRepository.findById(transaction.db, registrationId)
    if (!registration || registration.webinarId !== webinarId) throw notFound('Registration')
    if (registration.erasedAt) throw conflict('This person’s data was erased at their request: the registration can no longer change.')
    if (registration.status === to) return toRegistrationView(registration)
    const hostName = record.host.name
    if (to === 'approved') {
      if (webinar.status === 'ended') throw conflict('This webinar has ended: there is nothing left to approve a registration for.')
      if (registration.status === 'cancelled') throw conflict('This registration was cancelled by the registrant.')
      if (webinar.capacity !== null && webinar.approvedCount >= webinar.capacity) throw conflict('There are no seats left: raise the capacity first.')
    }
    if (to === 'rejected' && registration.status === 'cancelled') throw conflict('This registration was cancelled by the registrant.')
    if (to === 'cancelled' && registration.status === 'rejected') throw conflict('This registration was declined by the organiser.')
    const wasApproved = registration.status === 'approved'
    // Never both: the status changes, so one of them is not approved.
    const seatChange = (to === 'approved' ? 1 : 0) - (wasApproved ? 1 : 0)
    if (seatChange !== 0) await seatRepository.add(transaction.db, webinarId, seatChange)
    const version = isLinkRetired ? registration.joinTokenVersion + 1 : registration.joinTokenVersion
    const updated = await registrationRepository.update(transaction.db, registrationId, {
      status: to,
      ...(isLinkRetired ? { joinTokenVersion: version, joinTokenHash: joinTokens.hashFor(registration.id, version) } : {}),
    })
    if (isMailed) {
      const kind: EmailKind = to === 'approved' ? (registration.status === 'waitlisted' ? 'promoted' : 'approved') : to === 'rejected' ? 'rejected' : 'registration_cancelled'
      await outbox.enqueue(transaction, { registration: updated, webinar, hostName, kind, dedupeKey: `${kind}:${updated.joinTokenVersion}` })
    }
    await outgoingEvents.emit(transaction, 'registration.updated', toRegistrationView(updated))
    const mayHaveBeenBlocked = registration.status === 'rejected'
    if ((wasApproved && to !== 'approved') || (to === 'approved' && mayHaveBeenBlocked)) {
      await jobs.sendInTransaction(transaction, queueNames.syncCallAccess, { registrationId })
    }
    if (wasApproved && to !== 'approved') {
      // Whoever the freed seat goes to changes status too.
      const promoted = await promoteFromWaitlist({ outbox }, transaction, webinar, webinar.approvedCount + seatChange, hostName)
      if (promoted) await outgoingEvents.emit(transaction, 'registration.updated', toRegistrationView(promoted))
    }
    await alsoInTransaction?.(transaction, updated)
    return toRegistrationView(updated)
  })
}
