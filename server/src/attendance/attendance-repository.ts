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

/** A Stream session as participant events describe it, and whose it is. */
export interface StreamSessionInput {
  webinarId: string
  registrationId: string | null
  userId: string | null
  streamUserId: string
  sessionKey: string
  joinedAt: Date | null
  leftAt: Date | null
}

/** Stored Stream events as they arrived: their payload and when (events over a day old when received were never applied). */
export interface StoredStreamEvent {
  payload: unknown
  receivedAt: Date
}

// Advisory locks, in two levels: a change to registrants' attendance holds their webinar's lock shared and the
// registrants' exclusively (changes of different registrants run side by side, two of one registrant take turns);
// a change to the whole webinar (the call ended, a rebuild) holds the webinar's exclusively, so no registrant's
// change lands between its read and its write. Keys are hashed into PostgreSQL's one 64-bit lock space.
const lockKeyText = (scope: 'webinar' | 'registration', id: string) => `attendance:${scope}:${id}`
const lockKey = (scope: 'webinar' | 'registration', id: string) => sql`hashtextextended(${lockKeyText(scope, id)}, 0)`

/** Attendance sessions and the per-registrant totals; the `db` may be a transaction's. */
export const attendanceRepository = {
  /**
   * Locks these registrants (a group of changes: participant events, room connections): their webinars' locks
   * shared, then the registrants' exclusively, each kind in one order (sorted), so that two groups never wait for
   * each other in a circle.
   */
  async lockRegistrants(db: Database, webinarIds: string[], registrationIds: string[]): Promise<void> {
    const webinarKeys = [...new Set(webinarIds)].sort().map((id) => lockKeyText('webinar', id))
    const registrationKeys = [...new Set(registrationIds)].sort().map((id) => lockKeyText('registration', id))
    // unnest yields the keys in the arrays' order, and each row takes its lock as it is produced.
    await db.execute(sql`
      select case when shared then pg_advisory_xact_lock_shared(hashtextextended(key, 0)) else pg_advisory_xact_lock(hashtextextended(key, 0)) end
        from unnest(${sql.param([...webinarKeys, ...registrationKeys])}::text[], ${sql.param([...webinarKeys.map(() => true), ...registrationKeys.map(() => false)])}::boolean[]) as locks(key, shared)`)
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
   * Records what participant events say of Stream sessions, each session once (its events folded together first:
   * one statement cannot update a row twice). A row only ever widens (PostgreSQL's LEAST and GREATEST skip nulls):
   * the earliest join and the latest leave seen, whatever order the events come in; its owner is the first one named.
   */
  async widenStreamSessions(db: Database, sessions: StreamSessionInput[]): Promise<AttendanceSessionRow[]> {
    if (sessions.length === 0) return []
    return db
      .insert(attendanceSessions)
      .values(sessions.map((session) => ({ ...session, source: 'stream' as const })))
      .onConflictDoUpdate({
        target: [attendanceSessions.webinarId, attendanceSessions.source, attendanceSessions.sessionKey],
        set: {
          joinedAt: sql`least(${attendanceSessions.joinedAt}, excluded.joined_at)`,
          leftAt: sql`greatest(${attendanceSessions.leftAt}, excluded.left_at)`,
        },
      })
      .returning()
  },

  /** Stream sessions made whole at once (a rebuild), each already widened over all of its events. */
  async insertStreamSessions(db: Database, sessions: StreamSessionInput[]): Promise<void> {
    for (let index = 0; index < sessions.length; index += 1000) {
      await db.insert(attendanceSessions).values(sessions.slice(index, index + 1000).map((session) => ({ ...session, source: 'stream' as const })))
    }
  },

  /** Where Stream sessions that never said goodbye end: the end of the call each was in (null: still in it). */
  async setStreamSessionEnds(db: Database, ends: { id: string; endedAt: Date | null }[]): Promise<void> {
    if (ends.length === 0) return
    await db.execute(sql`
      update attendance_sessions set last_seen_at = ends.ended_at
        from unnest(${sql.param(ends.map((end) => end.id))}::uuid[], ${sql.param(ends.map((end) => end.endedAt?.toISOString() ?? null))}::timestamptz[]) as ends(id, ended_at)
       where attendance_sessions.id = ends.id`)
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

  /** Room connections opened at `at`, each a session (keyed by its connection's id). */
  async openRoomSessions(db: Database, sessions: { webinarId: string; registrationId: string; streamUserId: string; sessionKey: string }[], at: Date): Promise<void> {
    if (sessions.length === 0) return
    await db
      .insert(attendanceSessions)
      .values(sessions.map((session) => ({ ...session, source: 'room' as const, joinedAt: at, lastSeenAt: at })))
      .onConflictDoNothing()
  },

  /** Heartbeats of open room connections (webinar id and session key each), all seen at `at`. */
  async touchRoomSessions(db: Database, connections: { webinarId: string; sessionKey: string }[], at: Date): Promise<void> {
    if (connections.length === 0) return
    await db.execute(sql`
      update attendance_sessions set last_seen_at = greatest(last_seen_at, ${at.toISOString()}::timestamptz)
        from unnest(${sql.param(connections.map((connection) => connection.webinarId))}::uuid[], ${sql.param(connections.map((connection) => connection.sessionKey))}::text[]) as seen(webinar_id, session_key)
       where attendance_sessions.webinar_id = seen.webinar_id and attendance_sessions.source = 'room'
         and attendance_sessions.session_key = seen.session_key and attendance_sessions.left_at is null`)
  },

  /** Room connections closed at `at`. */
  async closeRoomSessions(db: Database, connections: { webinarId: string; sessionKey: string }[], at: Date): Promise<void> {
    if (connections.length === 0) return
    await db.execute(sql`
      update attendance_sessions set left_at = ${at.toISOString()}::timestamptz, last_seen_at = greatest(last_seen_at, ${at.toISOString()}::timestamptz)
        from unnest(${sql.param(connections.map((connection) => connection.webinarId))}::uuid[], ${sql.param(connections.map((connection) => connection.sessionKey))}::text[]) as closed(webinar_id, session_key)
       where attendance_sessions.webinar_id = closed.webinar_id and attendance_sessions.source = 'room'
         and attendance_sessions.session_key = closed.session_key and attendance_sessions.left_at is null`)
  },

  /** These registrants' sessions (of any source). */
  async listSessionsOfRegistrations(db: Database, registrationIds: string[]) {
    if (registrationIds.length === 0) return []
    const rows = await db.select(sessionColumns).from(attendanceSessions).where(inArray(attendanceSessions.registrationId, registrationIds))
    return rows as (Omit<(typeof rows)[number], 'registrationId'> & { registrationId: string })[]
  },

  /** Every registrant's sessions of the webinar (staff and unknown Stream users left out). */
  async listRegistrantSessions(db: Database, webinarId: string) {
    const rows = await db
      .select(sessionColumns)
      .from(attendanceSessions)
      .where(and(eq(attendanceSessions.webinarId, webinarId), isNotNull(attendanceSessions.registrationId)))
    return rows as (Omit<(typeof rows)[number], 'registrationId'> & { registrationId: string })[]
  },

  async listTotalsOf(db: Database, registrationIds: string[]): Promise<RegistrationAttendanceRow[]> {
    if (registrationIds.length === 0) return []
    return db.select().from(registrationAttendance).where(inArray(registrationAttendance.registrationId, registrationIds))
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
