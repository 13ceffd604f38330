import { and, asc, count, desc, eq, gt, ilike, inArray, or, sql, type SQL } from 'drizzle-orm'
import type { RegistrationStatus } from '@webinar/shared/registrations'
import type { Database } from '../db/client.ts'
import { emailMessages, registrations, webinars } from '../db/schema.ts'

export type RegistrationRow = typeof registrations.$inferSelect
export type NewRegistrationRow = typeof registrations.$inferInsert
type WebinarRow = typeof webinars.$inferSelect

/** Queries and writes on registrations; the `db` may be a transaction's. */
export const registrationQueries = {
  /** Locks the webinar row: registrations of one webinar take turns (capacity), other webinars are unaffected. */
  async lockWebinar(db: Database, webinarId: string): Promise<WebinarRow | undefined> {
    const [row] = await db.select().from(webinars).where(eq(webinars.id, webinarId)).for('update')
    return row
  },
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
  async findByTokenHash(db: Database, tokenHash: string): Promise<RegistrationRow | undefined> {
    const [row] = await db.select().from(registrations).where(eq(registrations.joinTokenHash, tokenHash))
    return row
  },
  async countApproved(db: Database, webinarId: string): Promise<number> {
    const [row] = await db
      .select({ value: count() })
      .from(registrations)
      .where(and(eq(registrations.webinarId, webinarId), eq(registrations.status, 'approved')))
    return row?.value ?? 0
  },
  /** Mails of one kind written for a registration since `since` (the outbox stamps them with the app's clock). */
  async countMailSince(db: Database, registrationId: string, kind: string, since: Date): Promise<number> {
    const [row] = await db
      .select({ value: count() })
      .from(emailMessages)
      .where(and(eq(emailMessages.registrationId, registrationId), eq(emailMessages.kind, kind), gt(emailMessages.createdAt, since)))
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
  async firstWaitlisted(db: Database, webinarId: string): Promise<RegistrationRow | undefined> {
    const [row] = await db
      .select()
      .from(registrations)
      .where(and(eq(registrations.webinarId, webinarId), eq(registrations.status, 'waitlisted')))
      .orderBy(asc(registrations.createdAt), asc(registrations.id))
      .limit(1)
    return row
  },
  async list(
    db: Database,
    filter: { webinarId: string; status?: RegistrationStatus; search?: string; limit: number; offset: number },
  ): Promise<{ items: RegistrationRow[]; total: number }> {
    const conditions: SQL[] = [eq(registrations.webinarId, filter.webinarId)]
    if (filter.status) conditions.push(eq(registrations.status, filter.status))
    if (filter.search) {
      const pattern = `%${filter.search.replace(/[\\%_]/g, '\\$&')}%`
      conditions.push(or(ilike(registrations.name, pattern), ilike(registrations.email, pattern))!)
    }
    const where = and(...conditions)
    const items = await db.select().from(registrations).where(where).orderBy(desc(registrations.createdAt), asc(registrations.id)).limit(filter.limit).offset(filter.offset)
    const [total] = await db.select({ value: count() }).from(registrations).where(where)
    return { items, total: total?.value ?? 0 }
  },
  async listByStatus(db: Database, webinarId: string, statuses: RegistrationStatus[]): Promise<RegistrationRow[]> {
    return db
      .select()
      .from(registrations)
      .where(and(eq(registrations.webinarId, webinarId), inArray(registrations.status, statuses)))
      .orderBy(asc(registrations.createdAt))
  },
}
