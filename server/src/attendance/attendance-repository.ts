import { and, asc, eq, gt, inArray, isNotNull, isNull, lte, or, sql } from 'drizzle-orm'
import type { Database } from '../db/client.ts'
import { attendanceSessions, registrationAttendance, registrations, streamWebhookEvents } from '../db/schema.ts'

export type AttendanceSessionRow = typeof attendanceSessions.$inferSelect
export type RegistrationAttendanceRow = typeof registrationAttendance.$inferSelect

export const participantEventTypes = ['call.session_participant_joined', 'call.session_participant_left'] as const
export const callEndEventTypes = ['call.session_ended', 'call.ended'] as const

/** What measuring a session needs, and whose it is. */
const sessionColumns = {
  registrationId: attendanceSessions.registrationId,
  source: attendanceSessions.source,
  joinedAt: attendanceSessions.joinedAt,
  leftAt: attendanceSessions.leftAt,
  lastSeenAt: attendanceSessions.lastSeenAt,
}

/** Stored Stream events as they arrived: their payload and when (events over a day old when received were never applied). */
export interface StoredStreamEvent {
  payload: unknown
  receivedAt: Date
}

// Advisory locks, in two levels: a change to one registrant's attendance holds its webinar's lock shared and the
// registrant's exclusively (changes of different registrants run side by side, two of one registrant take turns);
// a change to the whole webinar (the call ended, a rebuild) holds the webinar's exclusively, so no registrant's
// change lands between its read and its write. Keys are hashed into PostgreSQL's one 64-bit lock space.
const lockKey = (scope: string, id: string) => sql`hashtextextended(${`attendance:${scope}:${id}`}, 0)`

/** Attendance sessions and the per-registrant totals; the `db` may be a transaction's. */
export const attendanceRepository = {
  async lockRegistrant(db: Database, webinarId: string, registrationId: string): Promise<void> {
    await db.execute(sql`select pg_advisory_xact_lock_shared(${lockKey('webinar', webinarId)}), pg_advisory_xact_lock(${lockKey('registration', registrationId)})`)
  },

  async lockWebinar(db: Database, webinarId: string): Promise<void> {
    await db.execute(sql`select pg_advisory_xact_lock(${lockKey('webinar', webinarId)})`)
  },

  /** Which of these registration ids are registrations of this webinar. */
  async filterRegistrationsOf(db: Database, webinarId: string, registrationIds: string[]): Promise<Set<string>> {
    const found = new Set<string>()
    for (let index = 0; index < registrationIds.length; index += 1000) {
      const rows = await db
        .select({ id: registrations.id })
        .from(registrations)
        .where(and(eq(registrations.webinarId, webinarId), inArray(registrations.id, registrationIds.slice(index, index + 1000))))
      for (const row of rows) found.add(row.id)
    }
    return found
  },

  /**
   * Records what a participant event says of a Stream session. The row only ever widens (PostgreSQL's LEAST and
   * GREATEST skip nulls): the earliest join and the latest leave seen, whatever order the events come in.
   */
  async widenStreamSession(
    db: Database,
    session: { webinarId: string; registrationId: string | null; userId: string | null; streamUserId: string; sessionKey: string; joinedAt: Date | null; leftAt: Date | null },
  ): Promise<AttendanceSessionRow> {
    const [row] = await db
      .insert(attendanceSessions)
      .values({ ...session, source: 'stream' })
      .onConflictDoUpdate({
        target: [attendanceSessions.webinarId, attendanceSessions.source, attendanceSessions.sessionKey],
        set: {
          joinedAt: sql`least(${attendanceSessions.joinedAt}, excluded.joined_at)`,
          leftAt: sql`greatest(${attendanceSessions.leftAt}, excluded.left_at)`,
        },
      })
      .returning()
    return row!
  },

  /** Stream sessions made whole at once (a rebuild), each already widened over all of its events. */
  async insertStreamSessions(
    db: Database,
    sessions: { webinarId: string; registrationId: string | null; userId: string | null; streamUserId: string; sessionKey: string; joinedAt: Date | null; leftAt: Date | null }[],
  ): Promise<void> {
    for (let index = 0; index < sessions.length; index += 1000) {
      await db.insert(attendanceSessions).values(sessions.slice(index, index + 1000).map((session) => ({ ...session, source: 'stream' as const })))
    }
  },

  /** Where a Stream session that never said goodbye ends: the end of the call it was in (null: still in it). */
  async setStreamSessionEnd(db: Database, id: string, endedAt: Date | null): Promise<void> {
    await db.update(attendanceSessions).set({ lastSeenAt: endedAt }).where(eq(attendanceSessions.id, id))
  },

  /**
   * The call (or its session) ended at `at`: the Stream sessions still open that had joined by then end there,
   * unless an earlier end of the call already closed them. Returns the registrations touched.
   */
  async closeOpenStreamSessions(db: Database, webinarId: string, at: Date): Promise<string[]> {
    const closed = await db
      .update(attendanceSessions)
      .set({ lastSeenAt: at })
      .where(
        and(
          eq(attendanceSessions.webinarId, webinarId),
          eq(attendanceSessions.source, 'stream'),
          isNull(attendanceSessions.leftAt),
          lte(attendanceSessions.joinedAt, at),
          or(isNull(attendanceSessions.lastSeenAt), gt(attendanceSessions.lastSeenAt, at)),
        ),
      )
      .returning({ registrationId: attendanceSessions.registrationId })
    return closed.flatMap((row) => (row.registrationId ? [row.registrationId] : []))
  },

  /** The call's stored events of these types, oldest first. */
  async listStreamEvents(db: Database, callCid: string, types: readonly string[]): Promise<StoredStreamEvent[]> {
    return db
      .select({ payload: streamWebhookEvents.payload, receivedAt: streamWebhookEvents.receivedAt })
      .from(streamWebhookEvents)
      .where(and(eq(streamWebhookEvents.callCid, callCid), inArray(streamWebhookEvents.type, [...types])))
      .orderBy(asc(streamWebhookEvents.receivedAt), asc(streamWebhookEvents.webhookId))
  },

  async deleteStreamSessions(db: Database, webinarId: string): Promise<number> {
    const deleted = await db
      .delete(attendanceSessions)
      .where(and(eq(attendanceSessions.webinarId, webinarId), eq(attendanceSessions.source, 'stream')))
      .returning({ id: attendanceSessions.id })
    return deleted.length
  },

  async openRoomSession(db: Database, session: { webinarId: string; registrationId: string; streamUserId: string; sessionKey: string; at: Date }): Promise<void> {
    const { at, ...rest } = session
    await db
      .insert(attendanceSessions)
      .values({ ...rest, source: 'room', joinedAt: at, lastSeenAt: at })
      .onConflictDoNothing()
  },

  /** A heartbeat of an open room connection. */
  async touchRoomSession(db: Database, webinarId: string, sessionKey: string, at: Date): Promise<void> {
    await db
      .update(attendanceSessions)
      .set({ lastSeenAt: sql`greatest(${attendanceSessions.lastSeenAt}, ${at.toISOString()}::timestamptz)` })
      .where(and(eq(attendanceSessions.webinarId, webinarId), eq(attendanceSessions.source, 'room'), eq(attendanceSessions.sessionKey, sessionKey), isNull(attendanceSessions.leftAt)))
  },

  async closeRoomSession(db: Database, webinarId: string, sessionKey: string, at: Date): Promise<void> {
    await db
      .update(attendanceSessions)
      .set({ leftAt: at, lastSeenAt: sql`greatest(${attendanceSessions.lastSeenAt}, ${at.toISOString()}::timestamptz)` })
      .where(and(eq(attendanceSessions.webinarId, webinarId), eq(attendanceSessions.source, 'room'), eq(attendanceSessions.sessionKey, sessionKey), isNull(attendanceSessions.leftAt)))
  },

  async listSessionsOfRegistration(db: Database, registrationId: string) {
    return db.select(sessionColumns).from(attendanceSessions).where(eq(attendanceSessions.registrationId, registrationId))
  },

  /** Every registrant's sessions of the webinar (staff and unknown Stream users left out). */
  async listRegistrantSessions(db: Database, webinarId: string) {
    const rows = await db
      .select(sessionColumns)
      .from(attendanceSessions)
      .where(and(eq(attendanceSessions.webinarId, webinarId), isNotNull(attendanceSessions.registrationId)))
    return rows as (Omit<(typeof rows)[number], 'registrationId'> & { registrationId: string })[]
  },

  async findTotals(db: Database, registrationId: string): Promise<RegistrationAttendanceRow | undefined> {
    const [row] = await db.select().from(registrationAttendance).where(eq(registrationAttendance.registrationId, registrationId))
    return row
  },

  async listTotals(db: Database, webinarId: string): Promise<RegistrationAttendanceRow[]> {
    return db.select().from(registrationAttendance).where(eq(registrationAttendance.webinarId, webinarId))
  },

  /** The registrations counted as attended (their watch time reached the webinar's threshold). */
  async listAttendedRegistrationIds(db: Database, webinarId: string): Promise<string[]> {
    const rows = await db
      .select({ registrationId: registrationAttendance.registrationId })
      .from(registrationAttendance)
      .where(and(eq(registrationAttendance.webinarId, webinarId), eq(registrationAttendance.attended, true)))
    return rows.map((row) => row.registrationId)
  },

  async upsertTotals(
    db: Database,
    rows: { registrationId: string; webinarId: string; firstJoinedAt: Date | null; lastLeftAt: Date | null; watchSeconds: number; attended: boolean; updatedAt: Date }[],
  ): Promise<void> {
    // In slices: one statement's bind parameters are limited (65535), a webinar's registrants are not.
    for (let index = 0; index < rows.length; index += 1000) {
      await db
        .insert(registrationAttendance)
        .values(rows.slice(index, index + 1000))
        .onConflictDoUpdate({
          target: registrationAttendance.registrationId,
          set: {
            firstJoinedAt: sql`excluded.first_joined_at`,
            lastLeftAt: sql`excluded.last_left_at`,
            watchSeconds: sql`excluded.watch_seconds`,
            attended: sql`excluded.attended`,
            updatedAt: sql`excluded.updated_at`,
          },
        })
    }
  },

  async deleteTotals(db: Database, registrationIds: string[]): Promise<void> {
    for (let index = 0; index < registrationIds.length; index += 1000) {
      await db.delete(registrationAttendance).where(inArray(registrationAttendance.registrationId, registrationIds.slice(index, index + 1000)))
    }
  },
}
