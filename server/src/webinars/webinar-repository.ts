import { and, asc, count, desc, eq, ilike, inArray, notInArray, or, sql, type SQL } from 'drizzle-orm'
import type { WebinarStatus } from '@webinar/shared/webinars'
import type { Database } from '../db/client.ts'
import { registrationForms, users, webinars, type FormFieldColumn } from '../db/schema.ts'

export type WebinarRow = typeof webinars.$inferSelect
export type NewWebinarRow = typeof webinars.$inferInsert
export type HostRow = Pick<typeof users.$inferSelect, 'id' | 'name' | 'email'>

export interface WebinarRecord {
  webinar: WebinarRow
  host: HostRow
  formFields: FormFieldColumn[]
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

export function createWebinarRepository(db: Database) {
  const selectRecord = () =>
    db
      .select({ webinar: webinars, host: { id: users.id, name: users.name, email: users.email }, formFields: registrationForms.fields })
      .from(webinars)
      .innerJoin(users, eq(users.id, webinars.hostId))
      .innerJoin(registrationForms, eq(registrationForms.webinarId, webinars.id))

  return {
    async findById(id: string): Promise<WebinarRecord | undefined> {
      const [row] = await selectRecord().where(eq(webinars.id, id))
      return row
    },

    async findBySlug(slug: string): Promise<WebinarRecord | undefined> {
      const [row] = await selectRecord().where(eq(webinars.slug, slug))
      return row
    },

    async findByCallCid(callCid: string): Promise<WebinarRow | undefined> {
      const [callType, ...rest] = callCid.split(':')
      const [row] = await db
        .select()
        .from(webinars)
        .where(and(eq(webinars.streamCallType, callType ?? ''), eq(webinars.streamCallId, rest.join(':'))))
      return row
    },

    async list(filter: WebinarFilter): Promise<{ items: WebinarRecord[]; total: number }> {
      const conditions: SQL[] = []
      if (filter.hostId) conditions.push(eq(webinars.hostId, filter.hostId))
      if (filter.status) conditions.push(eq(webinars.status, filter.status))
      if (filter.search) conditions.push(ilike(webinars.title, `%${filter.search.replace(/[\\%_]/g, '\\$&')}%`))
      if (filter.when === 'upcoming') {
        conditions.push(notInArray(webinars.status, ['ended', 'cancelled']), sql`${endTimeSql} >= ${filter.now.toISOString()}`)
      }
      if (filter.when === 'past') {
        conditions.push(or(inArray(webinars.status, ['ended', 'cancelled']), sql`${endTimeSql} < ${filter.now.toISOString()}`)!)
      }
      const where = conditions.length > 0 ? and(...conditions) : undefined
      const order = filter.when === 'past' ? desc(webinars.startTime) : asc(webinars.startTime)
      const items = await selectRecord().where(where).orderBy(order, asc(webinars.id)).limit(filter.limit).offset(filter.offset)
      const [total] = await db.select({ value: count() }).from(webinars).where(where)
      return { items, total: total?.value ?? 0 }
    },

    /** Marks the call in step with the row, unless the row changed again since `version` was read. */
    async markCallSynced(id: string, version: number): Promise<void> {
      await db
        .update(webinars)
        .set({ provisioning: 'ready', provisioningError: null })
        .where(and(eq(webinars.id, id), eq(webinars.callSyncVersion, version)))
    },

    async recordCallSyncFailure(id: string, version: number, message: string, isFinal: boolean): Promise<void> {
      await db
        .update(webinars)
        .set({ provisioningError: message, ...(isFinal ? { provisioning: 'failed' as const } : {}) })
        .where(and(eq(webinars.id, id), eq(webinars.callSyncVersion, version)))
    },

    /** Moves the status only from the listed states: two racing requests cannot both win. */
    async transition(id: string, from: WebinarStatus[], changes: Partial<NewWebinarRow>): Promise<WebinarRow | undefined> {
      const [row] = await db
        .update(webinars)
        .set({ ...changes, updatedAt: sql`now()` })
        .where(and(eq(webinars.id, id), inArray(webinars.status, from)))
        .returning()
      return row
    },

    async setHlsPlaylistUrl(id: string, url: string): Promise<void> {
      await db.update(webinars).set({ hlsPlaylistUrl: url }).where(eq(webinars.id, id))
    },
  }
}

/** Operations that must share a transaction with the job they enqueue. */
export const webinarWrites = {
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
}

export type WebinarRepository = ReturnType<typeof createWebinarRepository>
