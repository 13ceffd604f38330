import { and, asc, desc, eq, getTableColumns, inArray, sql } from 'drizzle-orm'
import type { Database } from '../db/client.ts'
import { emailMessages, recordings, registrations } from '../db/schema.ts'

export type RecordingRow = typeof recordings.$inferSelect
export type NewRecordingRow = Omit<typeof recordings.$inferInsert, 'id'>
type RegistrationRow = typeof registrations.$inferSelect

/** The follow-up mails (one of the two per registration), which carry the replay when it was ready in time. */
const followUpKinds = ['follow_up_attended', 'follow_up_missed']

/** A webinar's recordings (`recordings`); the `db` may be a transaction's. */
export const recordingRepository = {
  /**
   * Stores a recording, or brings the stored one up to date: the webhook and Stream's list name the same file
   * (unique per webinar and file name), so whichever comes second lands on the first one's row. The address is
   * the newest Stream gave (they are signed and expire); what a source left out is kept from the other.
   * `isNew` is true for exactly one caller per file, however many race.
   */
  async upsert(db: Database, row: NewRecordingRow): Promise<{ recording: RecordingRow; isNew: boolean }> {
    const [written] = await db
      .insert(recordings)
      .values(row)
      .onConflictDoUpdate({
        target: [recordings.webinarId, recordings.filename],
        set: {
          url: sql`excluded.url`,
          streamSessionId: sql`coalesce(excluded.stream_session_id, ${recordings.streamSessionId})`,
          startedAt: sql`coalesce(excluded.started_at, ${recordings.startedAt})`,
          endedAt: sql`coalesce(excluded.ended_at, ${recordings.endedAt})`,
        },
        // Nothing new (the same address, nothing to fill in): no write at all.
        setWhere: sql`${recordings.url} is distinct from excluded.url
          or (${recordings.streamSessionId} is null and excluded.stream_session_id is not null)
          or (${recordings.startedAt} is null and excluded.started_at is not null)
          or (${recordings.endedAt} is null and excluded.ended_at is not null)`,
      })
      // xmax is 0 only in a row version that an insert made.
      .returning({ ...getTableColumns(recordings), isNew: sql<boolean>`(xmax = 0)` })
    if (written) {
      const { isNew, ...recording } = written
      return { recording, isNew }
    }
    const [existing] = await db
      .select()
      .from(recordings)
      .where(and(eq(recordings.webinarId, row.webinarId), eq(recordings.filename, row.filename)))
    if (!existing) throw new Error('the recording conflicted on its file name and then disappeared')
    return { recording: existing, isNew: false }
  },

  /** Oldest first: the order they were recorded in, then the order they arrived. */
  async listByWebinar(db: Database, webinarId: string): Promise<RecordingRow[]> {
    return db
      .select()
      .from(recordings)
      .where(eq(recordings.webinarId, webinarId))
      .orderBy(sql`${recordings.startedAt} asc nulls last`, asc(recordings.createdAt), asc(recordings.filename))
  },

  async hasAny(db: Database, webinarId: string): Promise<boolean> {
    const [row] = await db.select({ id: recordings.id }).from(recordings).where(eq(recordings.webinarId, webinarId)).limit(1)
    return row !== undefined
  },

  /**
   * The address of the webinar's latest recording, as last stored (Stream's addresses expire: a mail should link
   * to the registrant's replay page, see `personalReplayLink`, and use this only to know there is a replay).
   */
  async findLatestUrl(db: Database, webinarId: string): Promise<string | null> {
    const [row] = await db
      .select({ url: recordings.url })
      .from(recordings)
      .where(eq(recordings.webinarId, webinarId))
      .orderBy(sql`${recordings.endedAt} desc nulls last`, desc(recordings.createdAt))
      .limit(1)
    return row?.url ?? null
  },

  /**
   * Approved registrants whose follow-up went out without the replay (it was not ready yet), and only those:
   * whoever had the replay in their follow-up, or has had no follow-up yet (it will carry the replay), is left
   * out. `replayLine` is how a mail's text part shows the replay's link.
   */
  async listOwedReplayMail(db: Database, webinarId: string, replayLine: string): Promise<RegistrationRow[]> {
    const rows = await db
      .select({ registration: registrations })
      .from(registrations)
      .innerJoin(emailMessages, and(eq(emailMessages.registrationId, registrations.id), inArray(emailMessages.kind, followUpKinds)))
      .where(
        and(
          eq(registrations.webinarId, webinarId),
          eq(registrations.status, 'approved'),
          sql`position(${replayLine} in ${emailMessages.text}) = 0`,
        ),
      )
      .orderBy(asc(registrations.createdAt))
    return rows.map((row) => row.registration)
  },
}
