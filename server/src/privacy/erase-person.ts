import { erasedRegistrantName } from '@webinar/shared/privacy'
import type { Database } from '../db/client.ts'
import { registrantStreamUserId } from '../video/video-service.ts'
import { erasedAddressOf, personDataRepository, type JsonRow } from './person-data-repository.ts'
import { createRedactor, type Redactor } from './redact-personal-data.ts'

/** What an erasure touched, counted: the audit row's detail. */
export interface ErasureCounts {
  registrations: number
  mails: number
  unsentMails: number
  chatMessages: number
  questions: number
  moderationActions: number
  roomEvents: number
  streamEvents: number
  webhookDeliveries: number
  jobs: number
}

export interface Erasure {
  counts: ErasureCounts
  /** The registrations erased now: Stream's users to rename once the transaction has committed. */
  registrationIds: string[]
}

const nothingErased: Erasure = {
  counts: { registrations: 0, mails: 0, unsentMails: 0, chatMessages: 0, questions: 0, moderationActions: 0, roomEvents: 0, streamEvents: 0, webhookDeliveries: 0, jobs: 0 },
  registrationIds: [],
}

const isSameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/** Rewrites each stored JSON document that changes when redacted; returns how many did. */
async function redactJsonRows<Key>(rows: JsonRow<Key>[], redact: (value: unknown) => unknown, update: (key: Key, value: unknown) => Promise<void>): Promise<number> {
  let changed = 0
  for (const row of rows) {
    const redacted = redact(row.value)
    if (isSameJson(redacted, row.value)) continue
    await update(row.key, redacted)
    changed++
  }
  return changed
}

/** An integrator's registration (or attendance) event about an erased registration: its data as the erased row reads now. */
function anonymiseWebhookPayload(payload: unknown, registrationIds: Set<string>): unknown {
  const message = payload as { data?: Record<string, unknown> }
  const data = message?.data
  if (!data || typeof data.id !== 'string' || !registrationIds.has(data.id)) return payload
  return {
    ...message,
    data: {
      ...data,
      ...('name' in data ? { name: erasedRegistrantName } : {}),
      ...('email' in data ? { email: erasedAddressOf(data.id) } : {}),
      ...('phone' in data ? { phone: null } : {}),
      ...('answers' in data ? { answers: {} } : {}),
      ...('timezone' in data ? { timezone: null } : {}),
    },
  }
}

async function redactRoomContent(db: Database, redactor: Redactor, webinarIds: string[], registrationIds: string[], texts: string[]) {
  const isTheirs = (row: { authorKind: string; authorId: string }) => row.authorKind === 'registrant' && registrationIds.includes(row.authorId)
  let chatMessages = 0
  for (const row of await personDataRepository.listChatMessagesToRedact(db, webinarIds, registrationIds, texts)) {
    // Someone else who happens to share the name keeps their own; only what they wrote about the person changes.
    const changes = { authorName: isTheirs(row) ? erasedRegistrantName : row.authorName, body: redactor.redactText(row.body) }
    if (changes.authorName === row.authorName && changes.body === row.body) continue
    await personDataRepository.updateChatMessage(db, row.id, changes)
    chatMessages++
  }
  let questions = 0
  for (const row of await personDataRepository.listQuestionsToRedact(db, webinarIds, registrationIds, texts)) {
    const changes = {
      authorName: isTheirs(row) ? erasedRegistrantName : row.authorName,
      body: redactor.redactText(row.body),
      answer: row.answer === null ? null : redactor.redactText(row.answer),
    }
    if (changes.authorName === row.authorName && changes.body === row.body && changes.answer === row.answer) continue
    await personDataRepository.updateQuestion(db, row.id, changes)
    questions++
  }
  let moderationActions = 0
  for (const row of await personDataRepository.listModerationActionsToRedact(db, webinarIds, registrationIds, texts)) {
    const isAboutThem = row.targetRegistrationId !== null && registrationIds.includes(row.targetRegistrationId)
    const changes = { targetName: isAboutThem ? erasedRegistrantName : row.targetName, detail: redactor.redactJson(row.detail) as Record<string, unknown> }
    if (changes.targetName === row.targetName && isSameJson(changes.detail, row.detail)) continue
    await personDataRepository.updateModerationAction(db, row.id, changes)
    moderationActions++
  }
  // The events copy what the rows said when they happened (an SSE reconnect replays them): the same words go.
  // A namesake's name in those copies goes too, a price for not keeping who-is-who inside every event.
  const roomEvents = await redactJsonRows(await personDataRepository.listRoomEventsToRedact(db, webinarIds, texts), redactor.redactJson, (id, payload) =>
    personDataRepository.updateRoomEventPayload(db, id, payload),
  )
  return { chatMessages, questions, moderationActions, roomEvents }
}

/**
 * Erases the person at `email` from every webinar, inside the caller's transaction (with its audit row): their
 * registrations anonymised (status kept, so counts and reports do not move), their mail emptied and the mail
 * still queued never sent, their name and address taken out of the room (their chat and questions, the room's
 * event history, the moderation log), of Stream's stored webhooks, of integrators' deliveries and of the job
 * queue. Registrations already erased are not found (their address is gone), so erasing twice does nothing more.
 */
export async function erasePersonData(db: Database, email: string, at: Date): Promise<Erasure> {
  const found = await personDataRepository.listRegistrationsByEmail(db, email, { isLocking: true })
  if (found.length === 0) return nothingErased
  const registrationIds = found.map(({ registration }) => registration.id)
  const webinarIds = [...new Set(found.map(({ webinar }) => webinar.id))]
  const names = [...new Set(found.map(({ registration }) => registration.name.trim()).filter(Boolean))]
  const address = email.trim().toLowerCase()
  const redactor = createRedactor({ email: address, names })
  const texts = [address, ...names]

  const registrations = await personDataRepository.anonymiseRegistrations(db, registrationIds, at)
  const { mails, unsent } = await personDataRepository.emptyMail(db, registrationIds)
  const room = await redactRoomContent(db, redactor, webinarIds, registrationIds, texts)
  // Stream's participant events name the user (`user.name`) next to their id, which is derived from the registration's.
  const streamEvents = await redactJsonRows(
    await personDataRepository.listStreamEventsToRedact(db, [address, ...registrationIds.map(registrantStreamUserId)]),
    redactor.redactJson,
    (webhookId, payload) => personDataRepository.updateStreamEventPayload(db, webhookId, payload),
  )
  const ids = new Set(registrationIds)
  const webhookDeliveries = await redactJsonRows(
    await personDataRepository.listWebhookDeliveriesToRedact(db, registrationIds, texts),
    (payload) => redactor.redactJson(anonymiseWebhookPayload(payload, ids)),
    (id, payload) => personDataRepository.updateWebhookDeliveryPayload(db, id, payload),
  )
  const jobs = await redactJsonRows(await personDataRepository.listJobsToRedact(db, texts), redactor.redactJson, (key, value) =>
    personDataRepository.updateJob(db, key, value as { data: unknown; output: unknown }),
  )
  return {
    counts: { registrations, mails, unsentMails: unsent, ...room, streamEvents, webhookDeliveries, jobs },
    registrationIds,
  }
}
