import { randomUUID } from 'node:crypto'
import type { RegisterBody, Registration, RegistrationReceipt } from '@webinar/shared/registrations'
import { isKnownTimezone } from '@webinar/shared/timezones'
import type pg from 'pg'
import type { Clock } from '../clock.ts'
import type { Database } from '../db/client.ts'
import { postgresErrorCode } from '../db/postgres-errors.ts'
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
import { noSeatTaken, seatRepository } from './seat-repository.ts'

export interface RegisterDependencies {
  db: Database
  pool: pg.Pool
  outbox: Outbox
  joinTokens: JoinTokens
  clock: Clock
  /** registration.created / registration.updated for integrators, in the registering transaction. */
  outgoingEvents: OutgoingEvents
}

type Source = 'public' | 'admin'
type NewcomerStatus = 'approved' | 'pending' | 'waitlisted'

const linkAgainPerHour = 3
const deadlockDetected = '40P01'

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

/** Refuses when registering is closed; staff may still add people after the deadline. */
function refuseIfClosed(webinar: WebinarRow, now: Date, source: Source): void {
  const reason = closedReason(webinar, now)
  if (reason && !(source === 'admin' && reason === 'deadline_passed')) throw conflict(closedMessages[reason])
}

/** The registrant's fields as they are stored, once the answers fit the webinar's form. */
function checkRegistrant(record: WebinarRecord, body: RegisterBody, source: Source) {
  const checked = checkAnswers(record.formFields, body.answers, { isRequiredEnforced: source === 'public' })
  if (Object.keys(checked.fields).length > 0) {
    const [first] = Object.entries(checked.fields)
    throw new AppError('validation_failed', `${first![0]} ${first![1]}.`, checked.fields)
  }
  if (body.name.trim() === '') throw new AppError('validation_failed', 'name is required.', { name: 'is required' })
  return { name: body.name.trim(), email: body.email.trim(), phone: checked.phone, answers: checked.answers, timezone: body.timezone && isKnownTimezone(body.timezone) ? body.timezone : null, source }
}

/** Where someone registering now goes: a seat, the waitlist, or the organiser's approval. */
function newcomerStatus(webinar: WebinarRow): NewcomerStatus {
  if (webinar.approvalMode === 'manual') return 'pending'
  const left = seatsLeft(webinar, webinar.approvedCount)
  return left === null || left > 0 ? 'approved' : 'waitlisted'
}

/** The webinar's seats or mode changed between the read and the lock. */
class SeatsChanged extends Error {}

/**
 * A new address, the way nearly everyone registers: the status follows from `webinar` as read before, the row and
 * its mail (composed before the transaction begins) are written, and only then is the webinar's row locked, by
 * taking the seat with the COMMIT (seatRepository.takeAtCommit), or by confirming under a share lock that the
 * waitlist or approval still applies. The row lock that registrations of the webinar take in turn is then held for
 * the commit alone. Nothing is written when the address is known (`known`) or the webinar changed meanwhile
 * (`changed`: the seats, the mode, or it was cancelled or ended).
 */
async function registerNewcomer(
  deps: RegisterDependencies,
  record: WebinarRecord,
  webinar: WebinarRow,
  registrant: ReturnType<typeof checkRegistrant>,
): Promise<RegisterOutcome | 'known' | 'changed'> {
  const { db, pool, outbox, joinTokens, clock, outgoingEvents } = deps
  const status = newcomerStatus(webinar)
  const id = randomUUID()
  const now = clock.now()
  const registration: RegistrationRow = {
    id,
    webinarId: webinar.id,
    ...registrant,
    status,
    joinTokenVersion: 1,
    joinTokenHash: joinTokens.hashFor(id, 1),
    erasedAt: null,
    createdAt: now,
    updatedAt: now,
  }
  const mail = await outbox.composeForLater(db, { registration, webinar, hostName: record.host.name, kind: mailForStatus[status] })
  try {
    return await runInTransaction(pool, async (transaction) => {
      if (!(await registrationRepository.insertIfNew(transaction.db, registration))) return 'known' as const
      await outbox.enqueueComposed(transaction, mail)
      await outgoingEvents.emit(transaction, 'registration.created', toRegistrationView(registration))
      if (status === 'approved') {
        seatRepository.takeAtCommit(transaction, webinar.id)
      } else {
        const current = await seatRepository.lockIfStill(transaction.db, webinar.id, status)
        if (!current) throw new SeatsChanged()
        refuseIfClosed(current, clock.now(), registrant.source)
      }
      return { receipt: { status, email: registrant.email }, registration, wasAlreadyRegistered: false }
    })
  } catch (error) {
    if (error instanceof SeatsChanged || postgresErrorCode(error) === noSeatTaken) return 'changed'
    // Needs the same address registering twice at once, one of them the careful way: that one decides.
    if (postgresErrorCode(error) === deadlockDetected) return 'known'
    throw error
  }
}

/**
 * Registers someone for a webinar (capacity, waitlist, approval). A known address keeps its registration and link.
 * Registrations of one webinar take turns on its row lock, held as briefly as possible (see registerNewcomer).
 */
async function register(deps: RegisterDependencies, record: WebinarRecord, body: RegisterBody, options: { source: Source }): Promise<RegisterOutcome> {
  refuseIfClosed(record.webinar, deps.clock.now(), options.source)
  const registrant = checkRegistrant(record, body, options.source)
  let newcomer = await registerNewcomer(deps, record, record.webinar, registrant)
  if (newcomer === 'changed') {
    // Most often the last seats went meanwhile (a crowd at the capacity): once more as things are now, so that the
    // crowd is waitlisted side by side rather than in turn.
    const webinar = await webinarRepository.findRowById(deps.db, record.webinar.id)
    if (!webinar) throw notFound('Webinar')
    refuseIfClosed(webinar, deps.clock.now(), options.source)
    newcomer = await registerNewcomer(deps, record, webinar, registrant)
  }
  if (newcomer !== 'known' && newcomer !== 'changed') return newcomer
  for (let attempt = 1; ; attempt++) {
    try {
      return await runInTransaction(deps.pool, (transaction) => registerInTransaction(deps, transaction, record, body, { ...options, isMailed: true }))
    } catch (error) {
      if (attempt >= 3 || postgresErrorCode(error) !== deadlockDetected) throw error
    }
  }
}

export interface RegisterOutcome {
  receipt: RegistrationReceipt
  registration: RegistrationRow
  wasAlreadyRegistered: boolean
}

/**
 * The registration itself, in the caller's transaction (a series registers one person for several occurrences in
 * one), with the webinar's row locked first: whatever the address's history, the seats cannot change meanwhile.
 * Without `isMailed` no mail is written: the caller sends one mail for all of them.
 */
export async function registerInTransaction(
  deps: RegisterDependencies,
  transaction: Transaction,
  record: WebinarRecord,
  body: RegisterBody,
  options: { source: Source; isMailed: boolean },
): Promise<RegisterOutcome> {
  const { outbox, joinTokens, clock, outgoingEvents } = deps
  const webinarId = record.webinar.id
  const webinar = await seatRepository.lock(transaction.db, webinarId)
  if (!webinar) throw notFound('Webinar')
  refuseIfClosed(webinar, clock.now(), options.source)
  const registrant = checkRegistrant(record, body, options.source)
  const { email } = registrant
  const existing = await registrationRepository.findByEmail(transaction.db, webinarId, email)
  const status = newcomerStatus(webinar)
  if (existing && existing.status !== 'cancelled') {
    // Staff may learn that the organiser declined this person; the public may not.
    if (existing.status === 'rejected' && options.source === 'admin') throw conflict('This registration was declined: approve it from the list instead.')
    // Already registered (or declined): the public answer is the one a newcomer would get, so that it tells
    // nobody whether the address was known. The holder gets their same link again; the link never changes here.
    if (existing.status !== 'rejected' && options.isMailed) await mailLinkAgain(deps, transaction, existing, webinar, record.host.name)
    return { receipt: { status, email }, registration: existing, wasAlreadyRegistered: true }
  }

  const fields = { ...registrant, status } as const
  if (status === 'approved') await seatRepository.add(transaction.db, webinarId, 1)
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
  return (await register(deps, await findPublishedWebinar(deps.db, slug), body, { source: 'public' })).receipt
}

/** Staff adding someone by hand: the deadline does not apply, unanswered questions are allowed. */
export async function addRegistrationByStaff(
  deps: RegisterDependencies,
  webinarId: string,
  body: RegisterBody,
): Promise<{ registration: Registration; wasAlreadyRegistered: boolean }> {
  const record = await webinarRepository.findById(deps.db, webinarId)
  if (!record) throw notFound('Webinar')
  const { registration, wasAlreadyRegistered } = await register(deps, record, body, { source: 'admin' })
  return { registration: toRegistrationView(registration), wasAlreadyRegistered }
}
