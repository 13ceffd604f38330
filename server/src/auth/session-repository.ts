import { and, eq, getTableColumns, lte } from 'drizzle-orm'
import type { Database } from '../db/client.ts'
import { sessions, users } from '../db/schema.ts'
import type { UserRow } from '../users/user-repository.ts'

export type SessionRow = typeof sessions.$inferSelect

/** Signed-in browser sessions (one row per sign-in); the `db` may be a transaction's. */
export const sessionRepository = {
  async insert(db: Database, session: { userId: string; expiresAt: Date }): Promise<SessionRow> {
    const [row] = await db.insert(sessions).values(session).returning()
    return row!
  },
  /**
   * The user of this session while it is open: the row exists (not signed out or ended) and belongs to `userId`.
   * One primary-key lookup joined to the user, on every cookie-authenticated request. (Running out is the
   * cookie's JWT's to say: its signed expiry is checked before this.)
   */
  async findUserOfOpenSession(db: Database, sessionId: string, userId: string): Promise<UserRow | undefined> {
    const [row] = await db
      .select(getTableColumns(users))
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId)))
    return row
  },
  async delete(db: Database, sessionId: string): Promise<void> {
    await db.delete(sessions).where(eq(sessions.id, sessionId))
  },
  /** Ends every session of the user. */
  async deleteAllOfUser(db: Database, userId: string): Promise<void> {
    await db.delete(sessions).where(eq(sessions.userId, userId))
  },
  /** Rows of sessions that expired by themselves; cleared when the user signs in again. */
  async deleteExpiredOfUser(db: Database, userId: string, now: Date): Promise<void> {
    await db.delete(sessions).where(and(eq(sessions.userId, userId), lte(sessions.expiresAt, now)))
  },
}
