import { and, desc, eq, isNull, lt, or } from 'drizzle-orm'
import type { Database } from '../db/client.ts'
import { apiKeys, users } from '../db/schema.ts'
import type { UserRow } from '../users/user-repository.ts'

export type ApiKeyRow = typeof apiKeys.$inferSelect

/** Integrator keys; the `db` may be a transaction's. */
export const apiKeyRepository = {
  async insert(db: Database, key: { userId: string; name: string; prefix: string; secretHash: string }): Promise<ApiKeyRow> {
    const [row] = await db.insert(apiKeys).values(key).returning()
    return row!
  },
  async listActiveForUser(db: Database, userId: string): Promise<ApiKeyRow[]> {
    return db
      .select()
      .from(apiKeys)
      .where(and(eq(apiKeys.userId, userId), isNull(apiKeys.revokedAt)))
      .orderBy(desc(apiKeys.createdAt))
  },
  /** The user an active key acts as, or undefined for unknown and revoked keys. */
  async findUserBySecretHash(db: Database, secretHash: string): Promise<{ keyId: string; user: UserRow } | undefined> {
    const [row] = await db
      .select({ keyId: apiKeys.id, user: users })
      .from(apiKeys)
      .innerJoin(users, eq(users.id, apiKeys.userId))
      .where(and(eq(apiKeys.secretHash, secretHash), isNull(apiKeys.revokedAt)))
    return row
  },
  /** At most one write a minute per key, so a busy integration does not turn every read into a write. */
  async touch(db: Database, keyId: string, now: Date): Promise<void> {
    const aMinuteAgo = new Date(now.getTime() - 60_000)
    await db
      .update(apiKeys)
      .set({ lastUsedAt: now })
      .where(and(eq(apiKeys.id, keyId), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, aMinuteAgo))))
  },
  async revoke(db: Database, keyId: string, userId: string, now: Date): Promise<boolean> {
    const revoked = await db
      .update(apiKeys)
      .set({ revokedAt: now })
      .where(and(eq(apiKeys.id, keyId), eq(apiKeys.userId, userId), isNull(apiKeys.revokedAt)))
      .returning({ id: apiKeys.id })
    return revoked.length > 0
  },
}
