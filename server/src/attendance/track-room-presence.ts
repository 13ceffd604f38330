import type pg from 'pg'
import type { Clock } from '../clock.ts'
import type { Database } from '../db/client.ts'
import { runInTransaction } from '../db/transaction.ts'
import { registrantStreamUserId } from '../video/video-service.ts'
import { webinarRepository } from '../webinars/webinar-repository.ts'
import { attendanceRepository } from './attendance-repository.ts'
import { recomputeRegistrants } from './recompute-attendance.ts'

/**
 * The room's own record of who is there: HLS viewers never join the call, so Stream never reports them. Each
 * attendee's event-stream connection is a `room` session keyed by the connection's id: opened when it connects,
 * kept alive by heartbeats (`last_seen_at`), closed when it goes. A connection whose process died is never closed:
 * it ends at its last heartbeat (measure-attendance.ts).
 */
export interface RoomConnection {
  webinarId: string
  registrationId: string
  connectionId: string
}

/** A connection opening or closing. One connection's open and close never meet in one call (the room waits for the first). */
export interface RoomPresenceChange {
  kind: 'open' | 'close'
  connection: RoomConnection
}

type Dependencies = { db: Database; pool: pg.Pool; clock: Clock }

const sessionOf = (connection: RoomConnection) => ({ webinarId: connection.webinarId, sessionKey: connection.connectionId })

/**
 * Connections opening and closing, many at once (a webinar's start brings thousands of attendees within seconds):
 * one transaction under their registrants' locks, then those registrants' totals. Returns the registrations whose
 * totals changed.
 */
export async function changeRoomPresence({ pool, clock }: Dependencies, changes: RoomPresenceChange[]): Promise<string[]> {
  if (changes.length === 0) return []
  return runInTransaction(pool, async ({ db }) => {
    const connections = changes.map((change) => change.connection)
    const webinarIds = [...new Set(connections.map((connection) => connection.webinarId))]
    await attendanceRepository.lockRegistrants(db, webinarIds, connections.map((connection) => connection.registrationId))
    const at = clock.now()
    const opened = changes.filter((change) => change.kind === 'open').map((change) => change.connection)
    const closed = changes.filter((change) => change.kind === 'close').map((change) => change.connection)
    await attendanceRepository.openRoomSessions(
      db,
      opened.map((connection) => ({ ...sessionOf(connection), registrationId: connection.registrationId, streamUserId: registrantStreamUserId(connection.registrationId) })),
      at,
    )
    await attendanceRepository.closeRoomSessions(db, closed.map(sessionOf), at)
    const changed: string[] = []
    for (const webinarId of webinarIds) {
      const webinar = await webinarRepository.findRowById(db, webinarId)
      const registrationIds = connections.filter((connection) => connection.webinarId === webinarId).map((connection) => connection.registrationId)
      if (webinar) changed.push(...(await recomputeRegistrants(db, webinar, [...new Set(registrationIds)], at)))
    }
    return changed
  })
}

/** Only the heartbeats, of many connections at once: the totals follow at the next join, leave or end, not every 30 seconds per viewer. */
export async function recordRoomHeartbeats({ db, clock }: Dependencies, connections: RoomConnection[]): Promise<void> {
  await attendanceRepository.touchRoomSessions(db, connections.map(sessionOf), clock.now())
}
