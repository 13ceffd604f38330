import type pg from 'pg'
import type { Clock } from '../clock.ts'
import type { Database } from '../db/client.ts'
import { runInTransaction } from '../db/transaction.ts'
import { registrantStreamUserId } from '../video/video-service.ts'
import { webinarRepository } from '../webinars/webinar-repository.ts'
import { attendanceRepository } from './attendance-repository.ts'
import { recomputeRegistrant } from './recompute-attendance.ts'

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

type Dependencies = { db: Database; pool: pg.Pool; clock: Clock }

async function changeAndRecompute({ pool, clock }: Dependencies, connection: RoomConnection, change: (db: Database, at: Date) => Promise<void>): Promise<string[]> {
  return runInTransaction(pool, async ({ db }) => {
    await attendanceRepository.lockRegistrant(db, connection.webinarId, connection.registrationId)
    const at = clock.now()
    await change(db, at)
    const webinar = await webinarRepository.findRowById(db, connection.webinarId)
    return webinar ? recomputeRegistrant(db, webinar, connection.registrationId, at) : []
  })
}

export function openRoomPresence(deps: Dependencies, connection: RoomConnection): Promise<string[]> {
  return changeAndRecompute(deps, connection, (db, at) =>
    attendanceRepository.openRoomSession(db, {
      webinarId: connection.webinarId,
      registrationId: connection.registrationId,
      streamUserId: registrantStreamUserId(connection.registrationId),
      sessionKey: connection.connectionId,
      at,
    }),
  )
}

/** Only the heartbeat: the totals follow at the next join, leave or end, not every 30 seconds per viewer. */
export async function recordRoomHeartbeat({ db, clock }: Dependencies, connection: RoomConnection): Promise<void> {
  await attendanceRepository.touchRoomSession(db, connection.webinarId, connection.connectionId, clock.now())
}

export function closeRoomPresence(deps: Dependencies, connection: RoomConnection): Promise<string[]> {
  return changeAndRecompute(deps, connection, (db, at) => attendanceRepository.closeRoomSession(db, connection.webinarId, connection.connectionId, at))
}
