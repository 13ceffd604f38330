import { randomUUID } from 'node:crypto'
import type { RegisterBody, Registration, RegistrationReceipt } from '@webinar/shared/registrations'
import { isKnownTimezone } from '@webinar/shared/timezones'
import type pg from 'pg'
import type { Clock } from '../clock.ts'
import type { Database } from '../db/client.ts'
import { runInTransaction, type Transaction } from '../db/transaction.ts'
import { emailMessageRepository } from '../email/email-message-repository.ts'
import type { Outbox } from '../email/outbox.ts'
import { AppError, conflict, notFound } from '../errors.ts'
import type { JoinTokens } from '../join/join-token.ts'
import type { OutgoingEvents } from '../outgoing-webhooks/outgoing-events.ts'
import { webinarRepository, type WebinarRecord, type WebinarRow } from '../webinars/webinar-repository.ts'
import { checkAnswers } from './answer-rules.ts'
import { findPublishedWebinar } from './public-webinar.ts'
import { registrationRepository, type RegistrationRow } from './registration-repository.ts'
import { closedMessages, closedReason, mailForStatus, seatsLeft } from './registration-rules.ts'
import { toRegistrationView } from './registration-view.ts'

export interface RegisterDependencies {
  db: Database
  pool: pg.Pool
  outbox: Outbox
  joinTokens: JoinTokens
  clock: Clock
  /** registration.created / registration.updated for integrators, in the registering transaction. */
  outgoingEvents: OutgoingEvents
}

const linkAgainPerHour = 3

/**
 * Mails the registration's current link again, at most `linkAgainPerHour` times in any hour: registering
 * again is how people find a lost link, and the limit keeps anyone from flooding an inbox with it. Runs
 * under the webinar's row lock, so concurrent attempts count each other.
 */
async function mailLinkAgain(
  { outbox, clock }: RegisterDependencies,
  transaction: Transaction,
  registration: RegistrationRow,
  webinar: WebinarRow,
  hostName: string,
): Promise<void> {
  const now = clock.now()
  const recent = await emailMessageRepository.countSince(transaction.db, registration.id, 'link_again', new Date(now.getTime() - 3600_000))
  if (recent >= linkAgainPerHour) return
  await outbox.enqueue(transaction, { registration, webinar, hostName, kind: 'link_again', dedupeKey: `link_again@${now.toISOString()}#${recent + 1}` })
}

/**
 * Registers someone for a webinar (capacity, waitlist, approval), under the webinar's row lock so that
 * registrations of one webinar take turns. A known address keeps its registration and link.
 */
async function register(
  deps: RegisterDependencies,
  webinarId: string,
  body: RegisterBody,
  options: { source: 'public' | 'admin' },
): Promise<RegisterOutcome> {
  // Read outside the transaction: inside it, a second pool connection per request would let a burst of
  // registrations exhaust the pool while they wait on the webinar's row lock.
  const record = await webinarRepository.findById(deps.db, webinarId)
  if (!record) throw notFound('Webinar')
  return runInTransaction(deps.pool, (transaction) => registerInTransaction(deps, transaction, record, body, { ...options, isMailed: true }))
}

export interface RegisterOutcome {
  receipt: RegistrationReceipt
  registration: RegistrationRow
  wasAlreadyRegistered: boolean
}

/**
 * The registration itself, in the caller's transaction (a series registers one person for several occurrences in
 * one). Without `isMailed` no mail is written: the caller sends one mail for all of them.
 */
export async function registerInTransaction(
  deps: RegisterDependencies,
  transaction: Transaction,
  record: WebinarRecord,
  body: RegisterBody,
  options: { source: 'public' | 'admin'; isMailed: boolean },
): Promise<RegisterOutcome> {
  const { outbox, joinTokens, clock, outgoingEvents } = deps
  const webinarId = record.webinar.id
  const timezone = body.timezone && isKnownTimezone(body.timezone) ? body.timezone : null
  const webinar = await webinarRepository.lockById(transaction.db, webinarId)
  if (!webinar) throw notFound('Webinar')
  const reason = closedReason(webinar, clock.now())
  const isAdminAllowed = options.source === 'admin' && reason === 'deadline_passed'
  if (reason && !isAdminAllowed) throw conflict(closedMessages[reason])

  const checked = checkAnswers(record.formFields, body.answers, { isRequiredEnforced: options.source === 'public' })
  if (Object.keys(checked.fields).length > 0) {
    const [first] = Object.entries(checked.fields)
    throw new AppError('validation_failed', `${first![0]} ${first![1]}.`, checked.fields)
  }
  if (body.name.trim() === '') throw new AppError('validation_failed', 'name is required.', { name: 'is required' })
  const email = body.email.trim()
  const existing = await registrationRepository.findByEmail(transaction.db, webinarId, email)
  const approvedCount = await registrationRepository.countApproved(transaction.db, webinarId)
  const left = seatsLeft(webinar, approvedCount)
  const status = webinar.approvalMode === 'manual' ? 'pending' : left === null || left > 0 ? 'approved' : 'waitlisted'
  if (existing && existing.status !== 'cancelled') {
    // Staff may learn that the organiser declined this person; the public may not.
    if (existing.status === 'rejected' && options.source === 'admin') throw conflict('This registration was declined: approve it from the list instead.')
    // Already registered (or declined): the public answer is the one a newcomer would get, so that it tells
    // nobody whether the address was known. The holder gets their same link again; the link never changes here.
    if (existing.status !== 'rejected' && options.isMailed) await mailLinkAgain(deps, transaction, existing, webinar, record.host.name)
    return { receipt: { status, email }, registration: existing, wasAlreadyRegistered: true }
  }

  const fields = { name: body.name.trim(), email, phone: checked.phone, answers: checked.answers, status, timezone, source: options.source } as const
  let registration: RegistrationRow
  if (existing) {
    // Registering again after cancelling: same row (one per e-mail), fresh link, back in the queue.
    const version = existing.joinTokenVersion + 1
    registration = await registrationRepository.update(transaction.db, existing.id, {
      ...fields,
      joinTokenVersion: version,
      joinTokenHash: joinTokens.hashFor(existing.id, version),
      createdAt: clock.now(),
    })
    if (options.isMailed) {
      await outbox.enqueue(transaction, { registration, webinar, hostName: record.host.name, kind: mailForStatus[status], dedupeKey: `${mailForStatus[status]}:${version}` })
    }
    // The same registration (one per address) with a new status and link: an update, not a new registration.
    await outgoingEvents.emit(transaction, 'registration.updated', toRegistrationView(registration))
  } else {
    const id = randomUUID()
    registration = await registrationRepository.insert(transaction.db, {
      id,
      webinarId,
      ...fields,
      joinTokenVersion: 1,
      joinTokenHash: joinTokens.hashFor(id, 1),
      createdAt: clock.now(),
    })
    if (options.isMailed) await outbox.enqueue(transaction, { registration, webinar, hostName: record.host.name, kind: mailForStatus[status] })
    await outgoingEvents.emit(transaction, 'registration.created', toRegistrationView(registration))
  }
  return { receipt: { status, email }, registration, wasAlreadyRegistered: false }
}

/** Registering from the public page (the personal link goes by e-mail only). */
export async function registerPublicly(deps: RegisterDependencies, slug: string, body: RegisterBody): Promise<RegistrationReceipt> {
  const { webinar } = await findPublishedWebinar(deps.db, slug)
  return (await register(deps, webinar.id, body, { source: 'public' })).receipt
}

/** Staff adding someone by hand: the deadline does not apply, unanswered questions are allowed. */
export async function addRegistrationByStaff(
  deps: RegisterDependencies,
  webinarId: string,
  body: RegisterBody,
): Promise<{ registration: Registration; wasAlreadyRegistered: boolean }> {
  const { registration, wasAlreadyRegistered } = await register(deps, webinarId, body, { source: 'admin' })
  return { registration: toRegistrationView(registration), wasAlreadyRegistered }
}
