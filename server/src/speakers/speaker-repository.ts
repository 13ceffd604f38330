import { and, asc, eq, isNull } from 'drizzle-orm'
import type { Database } from '../db/client.ts'
import { users, webinarSpeakers } from '../db/schema.ts'

export type SpeakerRow = typeof webinarSpeakers.$inferSelect
export type NewSpeakerRow = typeof webinarSpeakers.$inferInsert

const active = isNull(webinarSpeakers.removedAt)

export const speakerRepository = {
  async insert(db: Database, row: NewSpeakerRow): Promise<SpeakerRow> {
    const [inserted] = await db.insert(webinarSpeakers).values(row).returning()
    return inserted!
  },
  /** The webinar's speakers now (removed ones are kept for the record, not listed), oldest first. */
  async listActive(db: Database, webinarId: string): Promise<SpeakerRow[]> {
    return db.select().from(webinarSpeakers).where(and(eq(webinarSpeakers.webinarId, webinarId), active)).orderBy(asc(webinarSpeakers.createdAt))
  },
  async findActiveById(db: Database, webinarId: string, id: string): Promise<SpeakerRow | undefined> {
    const [row] = await db
      .select()
      .from(webinarSpeakers)
      .where(and(eq(webinarSpeakers.id, id), eq(webinarSpeakers.webinarId, webinarId), active))
    return row
  },
  /** A guest panelist by the SHA-256 of their studio token; a removed one has none that works. */
  async findActiveByStudioTokenHash(db: Database, hash: string): Promise<SpeakerRow | undefined> {
    const [row] = await db
      .select()
      .from(webinarSpeakers)
      .where(and(eq(webinarSpeakers.studioTokenHash, hash), active))
    return row
  },
  async isActiveCohost(db: Database, webinarId: string, userId: string): Promise<boolean> {
    const [row] = await db
      .select({ id: webinarSpeakers.id })
      .from(webinarSpeakers)
      .where(and(eq(webinarSpeakers.webinarId, webinarId), eq(webinarSpeakers.userId, userId), eq(webinarSpeakers.kind, 'cohost'), active))
    return row !== undefined
  },
  async setStudioTokenHash(db: Database, id: string, hash: string): Promise<void> {
    await db.update(webinarSpeakers).set({ studioTokenHash: hash }).where(eq(webinarSpeakers.id, id))
  },
  /** Removed: out of the stage, their studio link dead (the hash goes, so it finds nothing). */
  async markRemoved(db: Database, id: string, at: Date): Promise<SpeakerRow | undefined> {
    const [row] = await db
      .update(webinarSpeakers)
      .set({ removedAt: at, studioTokenHash: null })
      .where(and(eq(webinarSpeakers.id, id), active))
      .returning()
    return row
  },
  /** The staff user a co-host invitation names (for their name and e-mail). */
  async findUser(db: Database, userId: string): Promise<{ id: string; name: string; email: string } | undefined> {
    const [row] = await db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.id, userId))
    return row
  },
}
