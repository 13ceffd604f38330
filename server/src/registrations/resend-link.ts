import type { Registration } from '@webinar/shared/registrations'
import type pg from 'pg'
import type { Database } from '../db/client.ts'
import { runInTransaction } from '../db/transaction.ts'
import type { Outbox } from '../email/outbox.ts'
import { conflict, notFound } from '../errors.ts'
import type { JoinTokens } from '../join/join-token.ts'
import type { OutgoingEvents } from '../outgoing-webhooks/outgoing-events.ts'
import { webinarRepository } from '../webinars/webinar-repository.ts'
import { registrationRepository } from './registration-repository.ts'
import { mailForStatus } from './registration-rules.ts'
import { toRegistrationView } from './registration-view.ts'
import { seatRepository } from './seat-repository.ts'

export interface ResendLinkDependencies {
  db: Database
  pool: pg.Pool
  outbox: Outbox
  joinTokens: JoinTokens
  /** registration.updated for integrators (a new link), in the same transaction. */
  outgoingEvents: OutgoingEvents
}

/**
 * The organiser's "Resend link": issues a new join token (the old link stops working) and mails the
 * registration's current state with the new link.
 */
export async function resendLink({ db, pool, outbox, joinTokens, outgoingEvents }: ResendLinkDependencies, webinarId: string, registrationId: string): Promise<Registration> {
  const record = await webinarRepository.findById(db, webinarId)
  if (!record) throw notFound('Webinar')
  return runInTransaction(pool, async (transaction) => {
    const webinar = await seatRepository.lock(transaction.db, webinarId)
    const registration = await registrationRepository.findById(transaction.db, registrationId)
    if (!webinar || !registration || registration.webinarId !== webinarId) throw notFound('Registration')
    if (registration.erasedAt) throw conflict('This person’s data was erased at their request: the registration can no longer change.')
    if (registration.status === 'cancelled' || registration.status === 'rejected') throw conflict(`This registration is ${registration.status}.`)
    if (webinar.status === 'ended' || webinar.status === 'cancelled') throw conflict(`This webinar has ${webinar.status === 'ended' ? 'ended' : 'been cancelled'}: a join link would lead nowhere.`)
    const version = registration.joinTokenVersion + 1
    const updated = await registrationRepository.update(transaction.db, registration.id, {
      joinTokenVersion: version,
      joinTokenHash: joinTokens.hashFor(registration.id, version),
    })
    const kind = mailForStatus[updated.status as keyof typeof mailForStatus]
    await outbox.enqueue(transaction, { registration: updated, webinar, hostName: record.host.name, kind, dedupeKey: `link_resent:${version}` })
    // The link itself never travels in the event (the view has none); integrators learn that the old one stopped working.
    const view = toRegistrationView(updated)
    await outgoingEvents.emit(transaction, 'registration.updated', view)
    return view
  })
}
