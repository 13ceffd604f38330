import { and, count, desc, eq, gt, ilike, inArray, isNull, sql, type SQL } from 'drizzle-orm'
import type { Database } from '../db/client.ts'
import { containsPattern } from '../db/like-pattern.ts'
import { emailMessages, registrations, webinarSpeakers } from '../db/schema.ts'

export type EmailMessageRow = typeof emailMessages.$inferSelect
export type NewEmailMessageRow = typeof emailMessages.$inferInsert

const summaryColumns = {
  id: emailMessages.id,
  webinarId: emailMessages.webinarId,
  registrationId: emailMessages.registrationId,
  kind: emailMessages.kind,
  to: emailMessages.toEmail,
  subject: emailMessages.subject,
  status: emailMessages.status,
  attempts: emailMessages.attempts,
  lastError: emailMessages.lastError,
  sentAt: emailMessages.sentAt,
  createdAt: emailMessages.createdAt,
}

/** One mail body of a fan-out, made once and shared by the recipients it is for. */
export interface FanOutTemplate {
  subject: string
  html: string
  text: string
}

/** What `insertFanOut` writes: each recipient with their kind, their template (an index) and their name as it goes in. */
export interface FanOutRows {
  webinarId: string
  dedupeKey: string
  status: 'queued' | 'kept'
  createdAt: Date
  /** Registrations that left these statuses since they were listed get nothing. */
  statuses: string[]
  namePlaceholder: string
  templates: FanOutTemplate[]
  recipients: { registrationId: string; kind: string; template: number; htmlName: string; textName: string }[]
}

/** The outbox (`email_messages`); the `db` may be a transaction's. */
export const emailMessageRepository = {
  /** Writes the mail unless its registration already has one with this dedupe key; its id when written. */
  async insertIfNew(db: Database, row: NewEmailMessageRow): Promise<string | undefined> {
    const [inserted] = await db.insert(emailMessages).values(row).onConflictDoNothing().returning({ id: emailMessages.id })
    return inserted?.id
  },
  /**
   * Like insertIfNew, and when the registration already has a mail with this dedupe key, that mail: its id
   * and status tell a re-run whether its delivery may still need a job.
   */
  async insertOrFind(db: Database, row: NewEmailMessageRow & { registrationId: string }): Promise<{ id: string; status: EmailMessageRow['status']; isNew: boolean }> {
    const [inserted] = await db.insert(emailMessages).values(row).onConflictDoNothing().returning({ id: emailMessages.id, status: emailMessages.status })
    if (inserted) return { ...inserted, isNew: true }
    const [existing] = await db
      .select({ id: emailMessages.id, status: emailMessages.status })
      .from(emailMessages)
      .where(and(eq(emailMessages.registrationId, row.registrationId), eq(emailMessages.dedupeKey, row.dedupeKey)))
    // Neither inserted nor found: the conflicting row was deleted in between (its registration erased).
    if (!existing) throw new Error('the outbox row conflicted on its dedupe key and then disappeared')
    return { ...existing, isNew: false }
  },
  /**
   * A fan-out's mails in one statement: for each recipient, the body of its template with their name put in where
   * `namePlaceholder` stands (escaped for HTML in the HTML part, as the renderer escapes it). Recipients are taken
   * as they are now: one erased, or no longer in `statuses`, since the list was read gets nothing. Written in the
   * order given; a registration that already has a mail with this dedupe key keeps it. The ids of the new mails.
   */
  async insertFanOut(db: Database, fanOut: FanOutRows): Promise<string[]> {
    const { recipients, templates } = fanOut
    const column = <T>(values: T[]) => sql.param(values)
    const { rows } = await db.execute<{ id: string }>(sql`
      insert into email_messages (registration_id, webinar_id, kind, dedupe_key, to_email, subject, html, text, status, created_at)
      select r.id, ${fanOut.webinarId}, x.kind, ${fanOut.dedupeKey}, r.email,
             (${column(templates.map((template) => template.subject))}::text[])[x.template],
             replace((${column(templates.map((template) => template.html))}::text[])[x.template], ${fanOut.namePlaceholder}, x.html_name),
             replace((${column(templates.map((template) => template.text))}::text[])[x.template], ${fanOut.namePlaceholder}, x.text_name),
             ${fanOut.status}::email_status, ${fanOut.createdAt.toISOString()}::timestamptz
        from unnest(
               ${column(recipients.map((recipient) => recipient.registrationId))}::uuid[],
               ${column(recipients.map((recipient) => recipient.kind))}::text[],
               ${column(recipients.map((recipient) => recipient.template + 1))}::int[],
               ${column(recipients.map((recipient) => recipient.htmlName))}::text[],
               ${column(recipients.map((recipient) => recipient.textName))}::text[]
             ) with ordinality as x(registration_id, kind, template, html_name, text_name, position)
        join registrations r on r.id = x.registration_id
       where r.erased_at is null and r.status::text = any(${column(fanOut.statuses)}::text[])
       order by x.position
      on conflict do nothing
      returning id`)
    return rows.map((row) => row.id)
  },
  /** The `queued` mails with this dedupe key of these registrations: a fan-out run again gives each its delivery job. */
  async listQueuedFor(db: Database, registrationIds: string[], dedupeKey: string): Promise<string[]> {
    if (registrationIds.length === 0) return []
    const rows = await db
      .select({ id: emailMessages.id })
      .from(emailMessages)
      .where(and(inArray(emailMessages.registrationId, registrationIds), eq(emailMessages.dedupeKey, dedupeKey), eq(emailMessages.status, 'queued')))
    return rows.map((row) => row.id)
  },
  /** Takes the `queued` ones of these mails for one delivery attempt each (counting it); the others are left out. */
  async claimQueuedMany(db: Database, ids: string[]): Promise<EmailMessageRow[]> {
    if (ids.length === 0) return []
    return db
      .update(emailMessages)
      .set({ attempts: sql`${emailMessages.attempts} + 1` })
      .where(and(inArray(emailMessages.id, ids), eq(emailMessages.status, 'queued')))
      .returning()
  },
  /** The join-link version of each of these registrations that still exists (by id). */
  async joinTokenVersionsOf(db: Database, registrationIds: string[]): Promise<Map<string, number>> {
    if (registrationIds.length === 0) return new Map()
    const rows = await db.select({ id: registrations.id, version: registrations.joinTokenVersion }).from(registrations).where(inArray(registrations.id, registrationIds))
    return new Map(rows.map((row) => [row.id, row.version]))
  },
  /** The studio-link version of each of these speakers not removed (by id). */
  async studioTokenVersionsOf(db: Database, speakerIds: string[]): Promise<Map<string, number>> {
    if (speakerIds.length === 0) return new Map()
    const rows = await db
      .select({ id: webinarSpeakers.id, version: webinarSpeakers.studioTokenVersion })
      .from(webinarSpeakers)
      .where(and(inArray(webinarSpeakers.id, speakerIds), isNull(webinarSpeakers.removedAt)))
    return new Map(rows.map((row) => [row.id, row.version]))
  },
  /** Takes a `queued` mail for one delivery attempt (counting it); undefined when it is not queued (any more). */
  async claimQueued(db: Database, id: string): Promise<EmailMessageRow | undefined> {
    const [row] = await db
      .update(emailMessages)
      .set({ attempts: sql`${emailMessages.attempts} + 1` })
      .where(and(eq(emailMessages.id, id), eq(emailMessages.status, 'queued')))
      .returning()
    return row
  },
  /** The version of the registration's join link, to put its token into the mail (undefined once erased). */
  async joinTokenVersionOf(db: Database, registrationId: string): Promise<number | undefined> {
    const [row] = await db.select({ version: registrations.joinTokenVersion }).from(registrations).where(eq(registrations.id, registrationId))
    return row?.version
  },
  /**
   * The join-link versions of these registrations, for a mail to `toEmail`: only registrations of that address
   * count, so a mail can never carry someone else's link.
   */
  async joinTokenVersionsFor(db: Database, registrationIds: string[], toEmail: string): Promise<{ id: string; version: number }[]> {
    if (registrationIds.length === 0) return []
    return db
      .select({ id: registrations.id, version: registrations.joinTokenVersion })
      .from(registrations)
      .where(and(inArray(registrations.id, registrationIds), sql`lower(${registrations.email}) = lower(${toEmail})`))
  },
  /** The version of a speaker's studio link, to put its token into their invitation (undefined once removed). */
  async studioTokenVersionOf(db: Database, speakerId: string): Promise<number | undefined> {
    const [row] = await db
      .select({ version: webinarSpeakers.studioTokenVersion })
      .from(webinarSpeakers)
      .where(and(eq(webinarSpeakers.id, speakerId), isNull(webinarSpeakers.removedAt)))
    return row?.version
  },
  async markSent(db: Database, id: string, at: Date): Promise<void> {
    await db.update(emailMessages).set({ status: 'sent', sentAt: at, lastError: null }).where(eq(emailMessages.id, id))
  },
  async markSentMany(db: Database, ids: string[], at: Date): Promise<void> {
    if (ids.length === 0) return
    await db.update(emailMessages).set({ status: 'sent', sentAt: at, lastError: null }).where(inArray(emailMessages.id, ids))
  },
  /** Records why an attempt failed; after the last one the mail is `failed`. */
  async recordFailure(db: Database, id: string, lastError: string, isFinal: boolean): Promise<void> {
    await db
      .update(emailMessages)
      .set({ lastError, ...(isFinal ? { status: 'failed' as const } : {}) })
      .where(eq(emailMessages.id, id))
  },
  /** Mails of one kind written for a registration since `since` (the outbox stamps them with the app's clock). */
  async countSince(db: Database, registrationId: string, kind: string, since: Date): Promise<number> {
    const [row] = await db
      .select({ value: count() })
      .from(emailMessages)
      .where(and(eq(emailMessages.registrationId, registrationId), eq(emailMessages.kind, kind), gt(emailMessages.createdAt, since)))
    return row?.value ?? 0
  },
  /** Newest first, without bodies; `to` matches part of the address. */
  async list(db: Database, filter: { webinarId?: string; to?: string; kind?: string; status?: EmailMessageRow['status']; limit: number; offset: number }) {
    const conditions: SQL[] = []
    if (filter.webinarId) conditions.push(eq(emailMessages.webinarId, filter.webinarId))
    if (filter.status) conditions.push(eq(emailMessages.status, filter.status))
    if (filter.to) conditions.push(ilike(emailMessages.toEmail, containsPattern(filter.to)))
    if (filter.kind) conditions.push(eq(emailMessages.kind, filter.kind))
    const where = conditions.length > 0 ? and(...conditions) : undefined
    const items = await db
      .select(summaryColumns)
      .from(emailMessages)
      .where(where)
      .orderBy(desc(emailMessages.createdAt), desc(emailMessages.id))
      .limit(filter.limit)
      .offset(filter.offset)
    const [total] = await db.select({ value: count() }).from(emailMessages).where(where)
    return { items, total: total?.value ?? 0 }
  },
  /** One mail as the Mailbox shows it: the summary and its bodies. */
  async findWithBodies(db: Database, id: string) {
    const [row] = await db
      .select({
        ...summaryColumns,
        html: emailMessages.html,
        text: emailMessages.text,
        ics: emailMessages.ics,
        joinTokenVersion: registrations.joinTokenVersion,
        speakerId: emailMessages.speakerId,
        studioTokenVersion: webinarSpeakers.studioTokenVersion,
      })
      .from(emailMessages)
      .leftJoin(registrations, eq(registrations.id, emailMessages.registrationId))
      .leftJoin(webinarSpeakers, and(eq(webinarSpeakers.id, emailMessages.speakerId), isNull(webinarSpeakers.removedAt)))
      .where(eq(emailMessages.id, id))
    return row
  },
}

export type EmailMessageSummaryRow = Awaited<ReturnType<typeof emailMessageRepository.list>>['items'][number]
