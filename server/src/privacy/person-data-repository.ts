import { and, asc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'
import { erasedRegistrantName } from '@webinar/shared/privacy'
import type { Database } from '../db/client.ts'
import { containsPattern } from '../db/like-pattern.ts'
import {
  attendanceSessions,
  chatMessages,
  emailMessages,
  moderationActions,
  pollVotes,
  polls,
  questions,
  registrationAttendance,
  registrationForms,
  registrations,
  roomEvents,
  streamWebhookEvents,
  webhookDeliveries,
  webinars,
  type FormFieldColumn,
} from '../db/schema.ts'

export type PersonRegistrationRow = typeof registrations.$inferSelect
export interface PersonRegistration {
  registration: PersonRegistrationRow
  webinar: { id: string; title: string; startTime: Date; status: (typeof webinars.$inferSelect)['status']; deletedAt: Date | null }
}

/** A stored JSON document that may hold a person's name or address, by the key that finds its row again. */
export interface JsonRow<Key> {
  key: Key
  value: unknown
}

/** What a registration's address becomes: unique per row (the address index), and nobody's mailbox (RFC 2606 .invalid). */
export const erasedAddressOf = (registrationId: string) => `erased-${registrationId}@erased.invalid`

/** Why queued mail of an erased registration will never leave. */
const unsentBecauseErased = 'Not sent: the registrant’s data was erased on request.'

/** Any of these ILIKE patterns in the column's text. */
function containsAny(column: SQL | AnyPgColumn, texts: string[]): SQL | undefined {
  return or(...texts.map((text) => sql`${column}::text ilike ${containsPattern(text)}`))
}

const webinarColumns = { id: webinars.id, title: webinars.title, startTime: webinars.startTime, status: webinars.status, deletedAt: webinars.deletedAt }

/**
 * Everything held about one person across the tables of other domains, read for an export and rewritten for an
 * erasure. Their registrations are the anchor; their chat, questions, votes, mail and attendance hang off the
 * registration ids; copies of their name and address inside stored JSON (room events, Stream's and integrators'
 * webhooks, moderation details, job data) are found by those ids and by the text itself. The `db` may be a
 * transaction's: the erasure runs every write in one.
 */
export const personDataRepository = {
  /** The person's registrations not yet erased, in every webinar (deleted ones kept for records included), oldest first. */
  async listRegistrationsByEmail(db: Database, email: string, { isLocking = false } = {}): Promise<PersonRegistration[]> {
    const query = db
      .select({ registration: registrations, webinar: webinarColumns })
      .from(registrations)
      .innerJoin(webinars, eq(webinars.id, registrations.webinarId))
      .where(and(sql`lower(${registrations.email}) = lower(${email})`, isNull(registrations.erasedAt)))
      .orderBy(asc(registrations.createdAt), asc(registrations.id))
    // Two erasures of one person take turns: the second finds the rows already erased (no longer at this address).
    return isLocking ? query.for('update', { of: registrations }) : query
  },

  async listFormFields(db: Database, webinarIds: string[]): Promise<Map<string, FormFieldColumn[]>> {
    if (webinarIds.length === 0) return new Map()
    const rows = await db.select().from(registrationForms).where(inArray(registrationForms.webinarId, webinarIds))
    return new Map(rows.map((row) => [row.webinarId, row.fields]))
  },

  async listAttendanceTotals(db: Database, registrationIds: string[]) {
    if (registrationIds.length === 0) return []
    return db.select().from(registrationAttendance).where(inArray(registrationAttendance.registrationId, registrationIds))
  },

  async listAttendanceSessions(db: Database, registrationIds: string[]) {
    if (registrationIds.length === 0) return []
    return db
      .select({ registrationId: attendanceSessions.registrationId, source: attendanceSessions.source, joinedAt: attendanceSessions.joinedAt, leftAt: attendanceSessions.leftAt })
      .from(attendanceSessions)
      .where(inArray(attendanceSessions.registrationId, registrationIds))
      .orderBy(asc(attendanceSessions.joinedAt))
  },

  async listMail(db: Database, registrationIds: string[]) {
    if (registrationIds.length === 0) return []
    return db
      .select({
        registrationId: emailMessages.registrationId,
        kind: emailMessages.kind,
        subject: emailMessages.subject,
        status: emailMessages.status,
        sentAt: emailMessages.sentAt,
        createdAt: emailMessages.createdAt,
        text: emailMessages.text,
      })
      .from(emailMessages)
      .where(inArray(emailMessages.registrationId, registrationIds))
      .orderBy(asc(emailMessages.createdAt))
  },

  async listChatMessages(db: Database, registrationIds: string[]) {
    if (registrationIds.length === 0) return []
    return db
      .select({ authorId: chatMessages.authorId, body: chatMessages.body, isHidden: chatMessages.isHidden, createdAt: chatMessages.createdAt })
      .from(chatMessages)
      .where(and(eq(chatMessages.authorKind, 'registrant'), inArray(chatMessages.authorId, registrationIds)))
      .orderBy(asc(chatMessages.createdAt))
  },

  async listQuestions(db: Database, registrationIds: string[]) {
    if (registrationIds.length === 0) return []
    return db
      .select({
        authorId: questions.authorId,
        body: questions.body,
        answer: questions.answer,
        answeredAt: questions.answeredAt,
        upvotes: questions.upvotes,
        createdAt: questions.createdAt,
      })
      .from(questions)
      .where(and(eq(questions.authorKind, 'registrant'), inArray(questions.authorId, registrationIds)))
      .orderBy(asc(questions.createdAt))
  },

  async listPollVotes(db: Database, registrationIds: string[]) {
    if (registrationIds.length === 0) return []
    return db
      .select({ voterId: pollVotes.voterId, question: polls.question, options: polls.options, optionIndex: pollVotes.optionIndex, createdAt: pollVotes.createdAt })
      .from(pollVotes)
      .innerJoin(polls, eq(polls.id, pollVotes.pollId))
      .where(inArray(pollVotes.voterId, registrationIds))
      .orderBy(asc(pollVotes.createdAt))
  },

  /**
   * The registrations anonymised: name, address (a unique address at .invalid), phone, answers and timezone go;
   * the status stays, so counts and reports read as before. The personal link stops working (a hash no token has).
   */
  async anonymiseRegistrations(db: Database, registrationIds: string[], at: Date): Promise<number> {
    if (registrationIds.length === 0) return 0
    const erased = await db
      .update(registrations)
      .set({
        name: erasedRegistrantName,
        email: sql`'erased-' || ${registrations.id} || '@erased.invalid'`,
        phone: null,
        answers: {},
        timezone: null,
        erasedAt: at,
        joinTokenHash: sql`'erased:' || ${registrations.id}`,
        updatedAt: at,
      })
      .where(and(inArray(registrations.id, registrationIds), isNull(registrations.erasedAt)))
      .returning({ id: registrations.id })
    return erased.length
  },

  /** Their mail emptied (the row stays as the record that something was sent); queued mail will never be sent. */
  async emptyMail(db: Database, registrationIds: string[]): Promise<{ mails: number; unsent: number }> {
    if (registrationIds.length === 0) return { mails: 0, unsent: 0 }
    const emptied = await db
      .update(emailMessages)
      .set({
        toEmail: sql`'erased-' || ${emailMessages.registrationId} || '@erased.invalid'`,
        subject: '',
        html: '',
        text: '',
        ics: null,
        // Delivery sends `queued` mail only: `failed` with a reason says why it never went.
        status: sql`case when ${emailMessages.status} = 'queued' then 'failed'::email_status else ${emailMessages.status} end`,
        lastError: sql`case when ${emailMessages.status} = 'queued' then ${unsentBecauseErased} else null end`,
      })
      .where(inArray(emailMessages.registrationId, registrationIds))
      .returning({ lastError: emailMessages.lastError })
    return { mails: emptied.length, unsent: emptied.filter((row) => row.lastError === unsentBecauseErased).length }
  },

  /** Chat messages in these webinars by these registrations, or whose text holds one of `texts`. */
  async listChatMessagesToRedact(db: Database, webinarIds: string[], registrationIds: string[], texts: string[]) {
    if (webinarIds.length === 0) return []
    return db
      .select({ id: chatMessages.id, authorKind: chatMessages.authorKind, authorId: chatMessages.authorId, authorName: chatMessages.authorName, body: chatMessages.body })
      .from(chatMessages)
      .where(
        and(
          inArray(chatMessages.webinarId, webinarIds),
          or(and(eq(chatMessages.authorKind, 'registrant'), inArray(chatMessages.authorId, registrationIds)), containsAny(chatMessages.body, texts)),
        ),
      )
  },

  async updateChatMessage(db: Database, id: string, changes: { authorName: string; body: string }): Promise<void> {
    await db.update(chatMessages).set(changes).where(eq(chatMessages.id, id))
  },

  /** Questions in these webinars by these registrations, or whose question or answer holds one of `texts`. */
  async listQuestionsToRedact(db: Database, webinarIds: string[], registrationIds: string[], texts: string[]) {
    if (webinarIds.length === 0) return []
    return db
      .select({ id: questions.id, authorKind: questions.authorKind, authorId: questions.authorId, authorName: questions.authorName, body: questions.body, answer: questions.answer })
      .from(questions)
      .where(
        and(
          inArray(questions.webinarId, webinarIds),
          or(
            and(eq(questions.authorKind, 'registrant'), inArray(questions.authorId, registrationIds)),
            containsAny(questions.body, texts),
            containsAny(questions.answer, texts),
          ),
        ),
      )
  },

  async updateQuestion(db: Database, id: string, changes: { authorName: string; body: string; answer: string | null }): Promise<void> {
    await db.update(questions).set(changes).where(eq(questions.id, id))
  },

  /** Moderation records about these registrations, or whose detail holds one of `texts` (a deleted message's excerpt). */
  async listModerationActionsToRedact(db: Database, webinarIds: string[], registrationIds: string[], texts: string[]) {
    if (webinarIds.length === 0) return []
    return db
      .select({ id: moderationActions.id, targetName: moderationActions.targetName, targetRegistrationId: moderationActions.targetRegistrationId, detail: moderationActions.detail })
      .from(moderationActions)
      .where(
        and(
          inArray(moderationActions.webinarId, webinarIds),
          or(inArray(moderationActions.targetRegistrationId, registrationIds), containsAny(moderationActions.detail, texts), containsAny(moderationActions.targetName, texts)),
        ),
      )
  },

  async updateModerationAction(db: Database, id: string, changes: { targetName: string | null; detail: Record<string, unknown> }): Promise<void> {
    await db.update(moderationActions).set(changes).where(eq(moderationActions.id, id))
  },

  /** Room events (chat, questions, mutes, the moderators' log as it was pushed) in these webinars that name the person. */
  async listRoomEventsToRedact(db: Database, webinarIds: string[], texts: string[]): Promise<JsonRow<number>[]> {
    if (webinarIds.length === 0 || texts.length === 0) return []
    const rows = await db
      .select({ key: roomEvents.id, value: roomEvents.payload })
      .from(roomEvents)
      .where(and(inArray(roomEvents.webinarId, webinarIds), containsAny(roomEvents.payload, texts)))
    return rows
  },

  async updateRoomEventPayload(db: Database, id: number, payload: unknown): Promise<void> {
    await db.update(roomEvents).set({ payload }).where(eq(roomEvents.id, id))
  },

  /**
   * Stream's webhooks that carry one of `texts`: the person's Stream user ids (participant events carry
   * `user.name` with them) or their address. Their content hash stays: it only recognises a replay.
   */
  async listStreamEventsToRedact(db: Database, texts: string[]): Promise<JsonRow<string>[]> {
    if (texts.length === 0) return []
    return db.select({ key: streamWebhookEvents.webhookId, value: streamWebhookEvents.payload }).from(streamWebhookEvents).where(containsAny(streamWebhookEvents.payload, texts))
  },

  async updateStreamEventPayload(db: Database, webhookId: string, payload: unknown): Promise<void> {
    await db.update(streamWebhookEvents).set({ payload }).where(eq(streamWebhookEvents.webhookId, webhookId))
  },

  /** Integrators' deliveries about these registrations (`data.id`), or that carry one of `texts`. */
  async listWebhookDeliveriesToRedact(db: Database, registrationIds: string[], texts: string[]): Promise<JsonRow<string>[]> {
    if (registrationIds.length === 0 && texts.length === 0) return []
    return db
      .select({ key: webhookDeliveries.id, value: webhookDeliveries.payload })
      .from(webhookDeliveries)
      .where(or(registrationIds.length > 0 ? inArray(sql`${webhookDeliveries.payload}->'data'->>'id'`, registrationIds) : undefined, containsAny(webhookDeliveries.payload, texts)))
  },

  async updateWebhookDeliveryPayload(db: Database, id: string, payload: unknown): Promise<void> {
    await db.update(webhookDeliveries).set({ payload }).where(eq(webhookDeliveries.id, id))
  },

  /**
   * pg-boss's jobs (kept for days after they ran) whose data or output holds one of `texts`. Jobs carry ids, not
   * people, but a failed job's output is the error it threw, which may quote an address (an SMTP refusal).
   */
  async listJobsToRedact(db: Database, texts: string[]): Promise<JsonRow<{ name: string; id: string }>[]> {
    if (texts.length === 0) return []
    const { rows: exists } = await db.execute<{ present: boolean }>(sql`select to_regclass('pgboss.job') is not null as present`)
    if (!exists[0]?.present) return []
    const matches = or(...texts.map((text) => sql`(data::text ilike ${containsPattern(text)} or output::text ilike ${containsPattern(text)})`))
    const { rows } = await db.execute<{ name: string; id: string; data: unknown; output: unknown }>(sql`select name, id::text as id, data, output from pgboss.job where ${matches}`)
    return rows.map((row) => ({ key: { name: row.name, id: row.id }, value: { data: row.data, output: row.output } }))
  },

  async updateJob(db: Database, key: { name: string; id: string }, value: { data: unknown; output: unknown }): Promise<void> {
    await db.execute(
      sql`update pgboss.job set data = ${JSON.stringify(value.data)}::jsonb, output = ${value.output === null ? null : JSON.stringify(value.output)}::jsonb
          where name = ${key.name} and id = ${key.id}::uuid`,
    )
  },
}
