import { asc, count, eq, sql } from 'drizzle-orm'
import type { Role } from '@webinar/shared/users'
import type { Database } from '../db/client.ts'
import { foreignKeyViolation, postgresErrorCode, uniqueViolation } from '../db/postgres-errors.ts'
import { users } from '../db/schema.ts'

export type UserRow = typeof users.$inferSelect

/** Staff accounts; the `db` may be a transaction's. */
export const userRepository = {
  async findById(db: Database, id: string): Promise<UserRow | undefined> {
    const [row] = await db.select().from(users).where(eq(users.id, id))
    return row
  },
  async findByEmail(db: Database, email: string): Promise<UserRow | undefined> {
    const [row] = await db
      .select()
      .from(users)
      .where(sql`lower(${users.email}) = lower(${email})`)
    return row
  },
  async list(db: Database): Promise<UserRow[]> {
    return db.select().from(users).orderBy(asc(users.createdAt))
  },
  async count(db: Database): Promise<number> {
    const [row] = await db.select({ value: count() }).from(users)
    return row?.value ?? 0
  },
  /** Returns undefined when the e-mail is taken (any case). */
  async insert(db: Database, user: { email: string; name: string; passwordHash: string; role: Role }): Promise<UserRow | undefined> {
    try {
      const [row] = await db.insert(users).values(user).returning()
      return row
    } catch (error) {
      if (postgresErrorCode(error) === uniqueViolation) return undefined
      throw error
    }
  },
  /**
   * Creates the first owner, only while there are no users. The transaction-scoped advisory lock makes
   * two simultaneous set-ups take turns, so exactly one wins.
   */
  async insertFirstOwner(db: Database, user: { email: string; name: string; passwordHash: string }): Promise<UserRow | undefined> {
    return db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(727002)`)
      const [existing] = await tx.select({ value: count() }).from(users)
      if ((existing?.value ?? 0) > 0) return undefined
      const [row] = await tx
        .insert(users)
        .values({ ...user, role: 'owner' })
        .returning()
      return row
    })
  },
  async updatePasswordHash(db: Database, id: string, passwordHash: string, now: Date): Promise<void> {
    await db.update(users).set({ passwordHash, updatedAt: now }).where(eq(users.id, id))
  },
  /** 'in_use' when webinars still name this user as their host. */
  async delete(db: Database, id: string): Promise<'deleted' | 'not_found' | 'in_use'> {
    try {
      const deleted = await db.delete(users).where(eq(users.id, id)).returning({ id: users.id })
      return deleted.length > 0 ? 'deleted' : 'not_found'
    } catch (error) {
      if (postgresErrorCode(error) === foreignKeyViolation) return 'in_use'
      throw error
    }
  },
}
