import type pg from 'pg'
import type { Clock } from '../clock.ts'
import { runInTransaction } from '../db/transaction.ts'
import { webinarRepository } from '../webinars/webinar-repository.ts'
import { attendanceRepository } from './attendance-repository.ts'
import { identifyStreamUsers } from './identify-stream-users.ts'
import { endOfOpenSession, listCallEnds } from './list-call-ends.ts'
import { readParticipantEvent } from './read-stream-event.ts'
import { recomputeRegistrant } from './recompute-attendance.ts'

/**
 * A `call.session_participant_joined` or `_left` of the webinar's call: the Stream session it names (one per
 * `user_session_id`) widens to what the event says, and its registrant's totals follow. Events come twice, late and
 * in any order; each step is a minimum, a maximum or a function of what is stored, so any order gives the same rows:
 * - a `left` before its `joined` makes the row with the join the `left` states (else none: counted from the live
 *   start, since the person was there before leaving and nothing says since when); the `joined` narrows it later;
 * - a session with no `left` ends at the first end of the call after it joined, whether that end came before or after.
 * Staff sessions are kept under their user id and unknown users under their Stream id alone; neither is counted.
 * Returns the registrations whose totals changed.
 */
export async function applyParticipantEvent(
  { pool, clock }: { pool: pg.Pool; clock: Clock },
  webinarId: string,
  callCid: string,
  event: Record<string, unknown>,
): Promise<string[]> {
  const participant = readParticipantEvent(event)
  if (!participant) return []
  return runInTransaction(pool, async ({ db }) => {
    const owner = (await identifyStreamUsers(db, webinarId, [participant.streamUserId])).get(participant.streamUserId)!
    if (owner.registrationId) await attendanceRepository.lockRegistrant(db, webinarId, owner.registrationId)
    const session = await attendanceRepository.widenStreamSession(db, {
      webinarId,
      ...owner,
      streamUserId: participant.streamUserId,
      sessionKey: participant.userSessionId,
      joinedAt: participant.joinedAt,
      leftAt: participant.leftAt,
    })
    // A session's own goodbye wins over the call's end; without one it ends where the call did (if it has).
    const end = session.leftAt ? null : endOfOpenSession(session.joinedAt, await listCallEnds(db, callCid))
    if ((end?.getTime() ?? null) !== (session.lastSeenAt?.getTime() ?? null)) await attendanceRepository.setStreamSessionEnd(db, session.id, end)
    if (!owner.registrationId) return []
    // Read under the lock: the call's end (which moves the live window) is never half seen.
    const webinar = await webinarRepository.findRowById(db, webinarId)
    return webinar ? recomputeRegistrant(db, webinar, owner.registrationId, clock.now()) : []
  })
}
