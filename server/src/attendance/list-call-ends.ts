import type { Database } from '../db/client.ts'
import { attendanceRepository, callEndEventTypes } from './attendance-repository.ts'
import { isAppliedOnArrival, readCallEnd } from './read-stream-event.ts'

/** When the call (or one of its sessions) ended, as its applied `call.session_ended` / `call.ended` events say, earliest first. */
export async function listCallEnds(db: Database, callCid: string): Promise<Date[]> {
  const ends: Date[] = []
  for (const event of await attendanceRepository.listStreamEvents(db, callCid, callEndEventTypes)) {
    const at = readCallEnd(event.payload)
    if (at && isAppliedOnArrival(event.payload, event.receivedAt)) ends.push(at)
  }
  return ends.sort((a, b) => a.getTime() - b.getTime())
}

/** Where a Stream session that joined at `joinedAt` and never left ends: the first end of the call after it joined. */
export function endOfOpenSession(joinedAt: Date | null, callEnds: Date[]): Date | null {
  return callEnds.find((end) => joinedAt !== null && joinedAt.getTime() <= end.getTime()) ?? null
}
