import { and, asc, count, desc, eq, ilike, inArray, isNull, notInArray, or, sql, type SQL } from 'drizzle-orm'
import type { WebinarStatus } from '@webinar/shared/webinars'
import type { Database } from '../db/client.ts'
import { containsPattern } from '../db/like-pattern.ts'
import { registrationForms, users, webinarSeries, webinarSpeakers, webinars, type FormFieldColumn } from '../db/schema.ts'

export type WebinarRow = typeof webinars.$inferSelect
export type NewWebinarRow = typeof webinars.$inferInsert
export type HostRow = Pick<typeof users.$inferSelect, 'id' | 'name' | 'email'>

export interface WebinarRecord {
  webinar: WebinarRow
  host: HostRow
  formFields: FormFieldColumn[]
  /** The series it is an occurrence of, if any. */
  series: { id: string; slug: string; title: string } | null
}

const endTimeSql = sql`(${webinars.startTime} + ${webinars.durationMinutes} * interval '1 minute')`

export interface WebinarFilter {
  hostId?: string
  status?: WebinarStatus
  when?: 'upcoming' | 'past'
  search?: string
  now: Date
  limit: number
  offset: number
}

// A webinar deleted with its records kept stays as a row for them; nothing else sees it.
const isPresent = isNull(webinars.deletedAt)

const selectRecord = (db: Database) =>
  db
    .select({
      webinar: webinars,
      host: { id: users.id, name: users.name, email: users.email },
      formFields: registrationForms.fields,
      series: { id: webinarSeries.id, slug: webinarSeries.slug, title: webinarSeries.title },
    })
    .from(webinars)
    .innerJoin(users, eq(users.id, webinars.hostId))
    .innerJoin(registrationForms, eq(registrationForms.webinarId, webinars.id))
    .leftJoin(webinarSeries, eq(webinarSeries.id, webinars.seriesId))

/** Webinars and their registration forms; the `db` may be a transaction's. */
export const webinarRepository = {
  /** The webinar with its host and form. */
  async findById(db: Database, id: string): Promise<WebinarRecord | undefined> {
    const [row] = await selectRecord(db).where(and(eq(webinars.id, id), isPresent))
    return row
  },

  /** Several webinars with their hosts and forms, in start order (a series' occurrences). */
  async findManyById(db: Database, ids: string[]): Promise<WebinarRecord[]> {
    if (ids.length === 0) return []
    return selectRecord(db)
      .where(and(inArray(webinars.id, ids), isPresent))
      .orderBy(asc(webinars.startTime), asc(webinars.id))
  },

  async findBySlug(db: Database, slug: string): Promise<WebinarRecord | undefined> {
    const [row] = await selectRecord(db).where(and(eq(webinars.slug, slug), isPresent))
    return row
  },

  /** The webinar's row alone. */
  async findRowById(db: Database, id: string): Promise<WebinarRow | undefined> {
    const [row] = await db.select().from(webinars).where(and(eq(webinars.id, id), isPresent))
    return row
  },

  /** Locks the webinar row until the transaction ends: registrations of one webinar take turns (capacity), other webinars are unaffected. */
  async lockById(db: Database, id: string): Promise<WebinarRow | undefined> {
    const [row] = await db.select().from(webinars).where(and(eq(webinars.id, id), isPresent)).for('update')
    return row
  },

  async findByCallCid(db: Database, callCid: string): Promise<WebinarRow | undefined> {
    const [callType, ...rest] = callCid.split(':')
    const [row] = await db
      .select()
      .from(webinars)
      .where(and(eq(webinars.streamCallType, callType ?? ''), eq(webinars.streamCallId, rest.join(':')), isPresent))
    return row
  },

  async list(db: Database, filter: WebinarFilter): Promise<{ items: WebinarRecord[]; total: number }> {
    const conditions: SQL[] = [isPresent]
    // A host sees the webinars they run and those they co-host.
    if (filter.hostId) {
      const cohosted = db
        .select({ id: webinarSpeakers.webinarId })
        .from(webinarSpeakers)
        .where(and(eq(webinarSpeakers.userId, filter.hostId), eq(webinarSpeakers.kind, 'cohost'), isNull(webinarSpeakers.removedAt)))
      conditions.push(or(eq(webinars.hostId, filter.hostId), inArray(webinars.id, cohosted))!)
    }
    if (filter.status) conditions.push(eq(webinars.status, filter.status))
    if (filter.search) conditions.push(ilike(webinars.title, containsPattern(filter.search)))
    if (filter.when === 'upcoming') {
      conditions.push(notInArray(webinars.status, ['ended', 'cancelled']), sql`${endTimeSql} >= ${filter.now.toISOString()}`)
    }
    if (filter.when === 'past') {
      conditions.push(or(inArray(webinars.status, ['ended', 'cancelled']), sql`${endTimeSql} < ${filter.now.toISOString()}`)!)
    }
    const where = conditions.length > 0 ? and(...conditions) : undefined
    const order = filter.when === 'past' ? desc(webinars.startTime) : asc(webinars.startTime)
    const items = await selectRecord(db).where(where).orderBy(order, asc(webinars.id)).limit(filter.limit).offset(filter.offset)
    const [total] = await db.select({ value: count() }).from(webinars).where(where)
    return { items, total: total?.value ?? 0 }
  },

  /** Scheduled webinars starting after `after` and no later than `until`. */
  async listScheduledStartingBetween(db: Database, after: Date, until: Date): Promise<{ id: string; startTime: Date }[]> {
    return db
      .select({ id: webinars.id, startTime: webinars.startTime })
      .from(webinars)
      .where(
        and(
          isPresent,
          eq(webinars.status, 'scheduled'),
          sql`${webinars.startTime} > ${after.toISOString()}`,
          sql`${webinars.startTime} <= ${until.toISOString()}`,
        ),
      )
  },

  /** Inserts unless the slug is taken (returns undefined then): ON CONFLICT keeps the transaction usable. */
  async insertIfSlugFree(db: Database, row: NewWebinarRow): Promise<WebinarRow | undefined> {
    const [inserted] = await db.insert(webinars).values(row).onConflictDoNothing({ target: webinars.slug }).returning()
    return inserted
  },

  async insertForm(db: Database, webinarId: string, fields: FormFieldColumn[]): Promise<void> {
    await db.insert(registrationForms).values({ webinarId, fields })
  },

  async update(db: Database, id: string, changes: Partial<NewWebinarRow>, bumpCallSync: boolean): Promise<WebinarRow | undefined> {
    const [row] = await db
      .update(webinars)
      .set({
        ...changes,
        updatedAt: sql`now()`,
        ...(bumpCallSync ? { callSyncVersion: sql`${webinars.callSyncVersion} + 1`, provisioning: 'pending' as const } : {}),
      })
      .where(eq(webinars.id, id))
      .returning()
    return row
  },

  async updateForm(db: Database, webinarId: string, fields: FormFieldColumn[]): Promise<void> {
    await db.update(registrationForms).set({ fields, updatedAt: sql`now()` }).where(eq(registrationForms.webinarId, webinarId))
  },

  /** Marks the call in step with the row, unless the row changed again since `version` was read. */
  async markCallSynced(db: Database, id: string, version: number): Promise<void> {
    await db
      .update(webinars)
      .set({ provisioning: 'ready', provisioningError: null })
      .where(and(eq(webinars.id, id), eq(webinars.callSyncVersion, version)))
  },

  async recordCallSyncFailure(db: Database, id: string, version: number, message: string, isFinal: boolean): Promise<void> {
    await db
      .update(webinars)
      .set({ provisioningError: message, ...(isFinal ? { provisioning: 'failed' as const } : {}) })
      .where(and(eq(webinars.id, id), eq(webinars.callSyncVersion, version)))
  },

  /** Moves the status only from the listed states: two racing requests cannot both win. */
  async transition(db: Database, id: string, from: WebinarStatus[], changes: Partial<NewWebinarRow>): Promise<WebinarRow | undefined> {
    const [row] = await db
      .update(webinars)
      .set({ ...changes, updatedAt: sql`now()` })
      .where(and(eq(webinars.id, id), inArray(webinars.status, from)))
      .returning()
    return row
  },

  /** Hides the webinar everywhere, keeping its row for the registrations and mail that point at it. */
  async markDeleted(db: Database, id: string, at: Date): Promise<void> {
    await db.update(webinars).set({ deletedAt: at, updatedAt: sql`now()` }).where(eq(webinars.id, id))
  },

  /** Deletes the webinar with everything of its own (registrations, mail, room) by the foreign keys' cascade. */
  async erase(db: Database, id: string): Promise<void> {
    await db.delete(webinars).where(eq(webinars.id, id))
  },

  async setCaptioning(db: Database, id: string, isCaptioning: boolean): Promise<void> {
    await db.update(webinars).set({ isCaptioning, updatedAt: sql`now()` }).where(eq(webinars.id, id))
  },

  async setHlsPlaylistUrl(db: Database, id: string, url: string): Promise<void> {
    await db.update(webinars).set({ hlsPlaylistUrl: url }).where(eq(webinars.id, id))
  },
}
