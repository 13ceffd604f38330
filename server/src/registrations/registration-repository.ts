import { and, asc, count, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm'
import type { RegistrationStatus } from '@webinar/shared/registrations'
import type { Database } from '../db/client.ts'
import { containsPattern } from '../db/like-pattern.ts'
import { registrations } from '../db/schema.ts'

export type RegistrationRow = typeof registrations.$inferSelect
export type NewRegistrationRow = typeof registrations.$inferInsert

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
  async countApproved(db: Database, webinarId: string): Promise<number> {
    const [row] = await db
      .select({ value: count() })
      .from(registrations)
      .where(and(eq(registrations.webinarId, webinarId), eq(registrations.status, 'approved')))
    return row?.value ?? 0
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
      .where(and(eq(registrations.webinarId, webinarId), eq(registrations.status, 'waitlisted')))
      .orderBy(asc(registrations.createdAt), asc(registrations.id))
      .limit(1)
    return row
  },
  /** One page, newest first; `search` matches part of the name or the e-mail address. */
  async list(
    db: Database,
    filter: { webinarId: string; status?: RegistrationStatus; search?: string; limit: number; offset: number },
  ): Promise<{ items: RegistrationRow[]; total: number }> {
    const conditions: SQL[] = [eq(registrations.webinarId, filter.webinarId)]
    if (filter.status) conditions.push(eq(registrations.status, filter.status))
    if (filter.search) {
      const pattern = containsPattern(filter.search)
      conditions.push(or(ilike(registrations.name, pattern), ilike(registrations.email, pattern))!)
    }
    const where = and(...conditions)
    const items = await db.select().from(registrations).where(where).orderBy(desc(registrations.createdAt), asc(registrations.id)).limit(filter.limit).offset(filter.offset)
    const [total] = await db.select({ value: count() }).from(registrations).where(where)
    return { items, total: total?.value ?? 0 }
  },
  /** Every registration of the webinar, in the order they came. */
  async listAll(db: Database, webinarId: string): Promise<RegistrationRow[]> {
    return db.select().from(registrations).where(eq(registrations.webinarId, webinarId)).orderBy(asc(registrations.createdAt))
  },
}
