import { and, asc, count, desc, eq, ilike, inArray, isNull, or, sql, type SQL } from 'drizzle-orm'
import type { RegistrationStatus } from '@webinar/shared/registrations'
import type { Database } from '../db/client.ts'
import { containsPattern } from '../db/like-pattern.ts'
import { registrationAttendance, registrations } from '../db/schema.ts'

export type RegistrationRow = typeof registrations.$inferSelect
export type NewRegistrationRow = typeof registrations.$inferInsert

/** A registrant's attendance totals as stored (see attendance/); none for someone never present. */
export interface AttendanceColumns {
  firstJoinedAt: Date | null
  lastLeftAt: Date | null
  watchSeconds: number
  attended: boolean
}
export type RegistrationWithAttendanceRow = RegistrationRow & { attendance: AttendanceColumns | null }

/** Where a page of the export stopped: the last row's exact `created_at` (as PostgreSQL writes it, microseconds kept) and id. */
export interface RegistrationCursor {
  createdAt: string
  id: string
}

const attendanceColumns = {
  firstJoinedAt: registrationAttendance.firstJoinedAt,
  lastLeftAt: registrationAttendance.lastLeftAt,
  watchSeconds: registrationAttendance.watchSeconds,
  attended: registrationAttendance.attended,
}

/** Registrations; the `db` may be a transaction's. */
export const registrationRepository = {
  async findByEmail(db: Database, webinarId: string, email: string): Promise<RegistrationRow | undefined> {
    const [row] = await db
      .select()
      .from(registrations)
      .where(and(eq(registrations.webinarId, webinarId), sql`lower(${registrations.email}) = lower(${email})`))
    return row
  },
  async findById(db: Database, id: string): Promise<RegistrationRow | undefined> {
    const [row] = await db.select().from(registrations).where(eq(registrations.id, id))
    return row
  },
  /** The registration whose current join link hashes to this (see join/join-token.ts). */
  async findByJoinTokenHash(db: Database, joinTokenHash: string): Promise<RegistrationRow | undefined> {
    const [row] = await db.select().from(registrations).where(eq(registrations.joinTokenHash, joinTokenHash))
    return row
  },
  /** The registrations of several webinars (a series' occurrences) in `statuses`. */
  async listForWebinars(db: Database, webinarIds: string[], statuses: RegistrationStatus[]): Promise<RegistrationRow[]> {
    if (webinarIds.length === 0) return []
    return db
      .select()
      .from(registrations)
      .where(and(inArray(registrations.webinarId, webinarIds), inArray(registrations.status, statuses)))
      .orderBy(asc(registrations.createdAt), asc(registrations.id))
  },

  async countApproved(db: Database, webinarId: string): Promise<number> {
    const [row] = await db
      .select({ value: count() })
      .from(registrations)
      .where(and(eq(registrations.webinarId, webinarId), eq(registrations.status, 'approved')))
    return row?.value ?? 0
  },
  /** Writes the registration unless its address is already registered for the webinar; whether it was written. */
  async insertIfNew(db: Database, row: NewRegistrationRow): Promise<boolean> {
    const inserted = await db.insert(registrations).values(row).onConflictDoNothing().returning({ id: registrations.id })
    return inserted.length > 0
  },
  async insert(db: Database, row: NewRegistrationRow): Promise<RegistrationRow> {
    const [inserted] = await db.insert(registrations).values(row).returning()
    return inserted!
  },
  async update(db: Database, id: string, changes: Partial<NewRegistrationRow>): Promise<RegistrationRow> {
    const [row] = await db
      .update(registrations)
      .set({ ...changes, updatedAt: sql`now()` })
      .where(eq(registrations.id, id))
      .returning()
    return row!
  },
  /** The longest-waiting registration on the waitlist, first in line for a freed seat. */
  async findFirstWaitlisted(db: Database, webinarId: string): Promise<RegistrationRow | undefined> {
    const [row] = await db
      .select()
      .from(registrations)
      // An erased person is never promoted: nobody could be told.
      .where(and(eq(registrations.webinarId, webinarId), eq(registrations.status, 'waitlisted'), isNull(registrations.erasedAt)))
      .orderBy(asc(registrations.createdAt), asc(registrations.id))
      .limit(1)
    return row
  },
  /** One page, newest first; `search` matches part of the name or the e-mail address. */
  async list(
    db: Database,
    filter: { webinarId: string; status?: RegistrationStatus; search?: string; limit: number; offset: number },
  ): Promise<{ items: RegistrationWithAttendanceRow[]; total: number }> {
    const conditions: SQL[] = [eq(registrations.webinarId, filter.webinarId)]
    if (filter.status) conditions.push(eq(registrations.status, filter.status))
    if (filter.search) {
      const pattern = containsPattern(filter.search)
      conditions.push(or(ilike(registrations.name, pattern), ilike(registrations.email, pattern))!)
    }
    const where = and(...conditions)
    const items = await db
      .select({ registration: registrations, attendance: attendanceColumns })
      .from(registrations)
      .leftJoin(registrationAttendance, eq(registrationAttendance.registrationId, registrations.id))
      .where(where)
      .orderBy(desc(registrations.createdAt), asc(registrations.id))
      .limit(filter.limit)
      .offset(filter.offset)
    const [total] = await db.select({ value: count() }).from(registrations).where(where)
    return { items: items.map(({ registration, attendance }) => ({ ...registration, attendance })), total: total?.value ?? 0 }
  },
  /** These registrations with their attendance (told of a change to their totals). */
  async listWithAttendanceByIds(db: Database, ids: string[]): Promise<RegistrationWithAttendanceRow[]> {
    if (ids.length === 0) return []
    const rows = await db
      .select({ registration: registrations, attendance: attendanceColumns })
      .from(registrations)
      .leftJoin(registrationAttendance, eq(registrationAttendance.registrationId, registrations.id))
      .where(inArray(registrations.id, ids))
    return rows.map(({ registration, attendance }) => ({ ...registration, attendance }))
  },
  /**
   * The next `limit` registrations of the webinar after `after`, in the order they came, with their attendance: the
   * export reads them page by page (keyset, so each page costs the same however deep), never all at once.
   */
  async listPageAfter(
    db: Database,
    webinarId: string,
    after: RegistrationCursor | null,
    limit: number,
  ): Promise<{ rows: RegistrationWithAttendanceRow[]; next: RegistrationCursor | null }> {
    const conditions: SQL[] = [eq(registrations.webinarId, webinarId)]
    if (after) conditions.push(sql`(${registrations.createdAt}, ${registrations.id}) > (${after.createdAt}::timestamptz, ${after.id}::uuid)`)
    const page = await db
      .select({ registration: registrations, attendance: attendanceColumns, cursor: sql<string>`${registrations.createdAt}::text` })
      .from(registrations)
      .leftJoin(registrationAttendance, eq(registrationAttendance.registrationId, registrations.id))
      .where(and(...conditions))
      .orderBy(asc(registrations.createdAt), asc(registrations.id))
      .limit(limit)
    const last = page.at(-1)
    return {
      rows: page.map(({ registration, attendance }) => ({ ...registration, attendance })),
      next: last && page.length === limit ? { createdAt: last.cursor, id: last.registration.id } : null,
    }
  },
}
