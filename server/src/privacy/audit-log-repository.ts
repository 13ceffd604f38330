import { count, desc, eq } from 'drizzle-orm'
import type { Database } from '../db/client.ts'
import { auditLog, users } from '../db/schema.ts'

export type AuditLogRow = typeof auditLog.$inferSelect
export type NewAuditLogRow = typeof auditLog.$inferInsert

/** The audit log of exports and erasures; the `db` may be a transaction's (an erasure writes its row in its own). */
export const auditLogRepository = {
  async insert(db: Database, row: NewAuditLogRow): Promise<void> {
    await db.insert(auditLog).values(row)
  },
  /** Newest first, with the acting staff member's name (null for registrants and removed users). */
  async list(db: Database, { limit, offset }: { limit: number; offset: number }) {
    const [items, [total]] = await Promise.all([
      db
        .select({ entry: auditLog, actorName: users.name })
        .from(auditLog)
        .leftJoin(users, eq(users.id, auditLog.actorUserId))
        .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
        .limit(limit)
        .offset(offset),
      db.select({ value: count() }).from(auditLog),
    ])
    return { items, total: total?.value ?? 0 }
  },
}
