import { asc, count, eq, sql } from 'drizzle-orm'
import type { Role, User } from '@webinar/shared/users'
import type { Database } from '../db/client.ts'
import { foreignKeyViolation, postgresErrorCode, uniqueViolation } from '../db/postgres-errors.ts'
import { users } from '../db/schema.ts'

export type UserRow = typeof users.$inferSelect

export function toUserView(row: UserRow): User {
  return { id: row.id, email: row.email, name: row.name, role: row.role, createdAt: row.createdAt.toISOString() }
}


export function createUserRepository(db: Database) {
  return {
    async findById(id: string): Promise<UserRow | undefined> {
      const [row] = await db.select().from(users).where(eq(users.id, id))
      return row
    },
    async findByEmail(email: string): Promise<UserRow | undefined> {
      const [row] = await db
        .select()
        .from(users)
        .where(sql`lower(${users.email}) = lower(${email})`)
      return row
    },
    async list(): Promise<UserRow[]> {
      return db.select().from(users).orderBy(asc(users.createdAt))
    },
    async count(): Promise<number> {
      const [row] = await db.select({ value: count() }).from(users)
      return row?.value ?? 0
    },
    /** Returns undefined when the e-mail is taken (any case). */
    async insert(user: { email: string; name: string; passwordHash: string; role: Role }): Promise<UserRow | undefined> {
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
    async insertFirstOwner(user: { email: string; name: string; passwordHash: string }): Promise<UserRow | undefined> {
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
    /** 'in_use' when webinars still name this user as their host. */
    async delete(id: string): Promise<'deleted' | 'not_found' | 'in_use'> {
      try {
        const deleted = await db.delete(users).where(eq(users.id, id)).returning({ id: users.id })
        return deleted.length > 0 ? 'deleted' : 'not_found'
      } catch (error) {
        if (postgresErrorCode(error) === foreignKeyViolation) return 'in_use'
        throw error
      }
    },
  }
}

export type UserRepository = ReturnType<typeof createUserRepository>
