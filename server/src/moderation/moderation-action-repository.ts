import { asc, eq } from 'drizzle-orm'
import type { Database } from '../db/client.ts'
import { moderationActions } from '../db/schema.ts'

export type ModerationActionRow = typeof moderationActions.$inferSelect
export type NewModerationActionRow = typeof moderationActions.$inferInsert

export const moderationActionRepository = {
  async insert(db: Database, row: NewModerationActionRow): Promise<ModerationActionRow> {
    const [inserted] = await db.insert(moderationActions).values(row).returning()
    return inserted!
  },
  /** Oldest first: the audit list reads as the webinar went. */
  async listForWebinar(db: Database, webinarId: string): Promise<ModerationActionRow[]> {
    return db.select().from(moderationActions).where(eq(moderationActions.webinarId, webinarId)).orderBy(asc(moderationActions.createdAt), asc(moderationActions.id))
  },
}
