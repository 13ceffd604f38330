import type { Database } from '../db/client.ts'
import { webinarRepository, type WebinarRow } from '../webinars/webinar-repository.ts'
import { attendanceRepository, type StreamSessionInput } from './attendance-repository.ts'
import { identifyStreamUsers } from './identify-stream-users.ts'
import { endOfOpenSession, listCallEnds } from './list-call-ends.ts'
import { readParticipantEvent } from './read-stream-event.ts'
import { recomputeRegistrants } from './recompute-attendance.ts'

/** A `call.session_participant_joined` or `_left` of a webinar's call, to apply. */
export interface ParticipantEventOfWebinar {
  webinarId: string
  callCid: string
  event: Record<string, unknown>
}

const earliest = (a: Date | null, b: Date | null) => (a && b ? (a <= b ? a : b) : (a ?? b))
const latest = (a: Date | null, b: Date | null) => (a && b ? (a >= b ? a : b) : (a ?? b))

/**
 * `call.session_participant_joined` and `_left` events of webinars' calls, applied together in the caller's
 * transaction: the Stream session each names (one per `user_session_id`) widens to what its events say, and the
 * registrants' totals follow. Events come twice, late and in any order; each step is a minimum, a maximum or a
 * function of what is stored, so any order, and any grouping of them, gives the same rows:
 * - a `left` before its `joined` makes the row with the join the `left` states (else none: counted from the live
 *   start, since the person was there before leaving and nothing says since when); the `joined` narrows it later;
 * - a session with no `left` ends at the first end of the call after it joined, whether that end came before or after.
 * Staff sessions are kept under their user id and unknown users under their Stream id alone; neither is counted.
 * A group costs a fixed number of statements however many events it holds (one per webinar for some steps).
 * Returns the registrations whose totals changed.
 */
export async function applyParticipantEvents(db: Database, items: ParticipantEventOfWebinar[], now: Date): Promise<string[]> {
  const events = items.flatMap((item) => {
    const participant = readParticipantEvent(item.event)
    return participant ? [{ ...item, participant }] : []
  })
  if (events.length === 0) return []
  const callCidOf = new Map(events.map((item) => [item.webinarId, item.callCid]))
  const webinarIds = [...callCidOf.keys()]

  // Whose each session is, then every session of the group folded into one row each (in the order the events came,
  // so the first to name a session says whose it is, as one after the other would).
  const sessions = new Map<string, StreamSessionInput>()
  for (const webinarId of webinarIds) {
    const ofWebinar = events.filter((item) => item.webinarId === webinarId)
    const owners = await identifyStreamUsers(db, webinarId, ofWebinar.map((item) => item.participant.streamUserId))
    for (const { participant } of ofWebinar) {
      const key = `${webinarId}:${participant.userSessionId}`
      const seen = sessions.get(key)
      const owner = seen ?? owners.get(participant.streamUserId)!
      sessions.set(key, {
        webinarId,
        registrationId: owner.registrationId,
        userId: owner.userId,
        streamUserId: seen?.streamUserId ?? participant.streamUserId,
        sessionKey: participant.userSessionId,
        joinedAt: earliest(seen?.joinedAt ?? null, participant.joinedAt),
        leftAt: latest(seen?.leftAt ?? null, participant.leftAt),
      })
    }
  }
  const registrationIds = [...new Set([...sessions.values()].flatMap((session) => (session.registrationId ? [session.registrationId] : [])))]
  await attendanceRepository.lockRegistrants(db, webinarIds, registrationIds)
  // Read under the lock: the call's end (which moves the live window) is never half seen. A webinar gone (deleted)
  // meanwhile takes no more attendance.
  const webinars = new Map<string, WebinarRow>()
  for (const webinarId of webinarIds) {
    const webinar = await webinarRepository.findRowById(db, webinarId)
    if (webinar) webinars.set(webinarId, webinar)
  }
  const sessionsToWiden = [...sessions.values()].filter((session) => webinars.has(session.webinarId))

  const rows = await attendanceRepository.widenStreamSessions(db, sessionsToWiden)
  // A session's own goodbye wins over the call's end; without one it ends where the call did (if it has).
  const callEnds = new Map<string, Date[]>()
  for (const webinarId of webinars.keys()) callEnds.set(webinarId, await listCallEnds(db, callCidOf.get(webinarId)!))
  const ends = rows.flatMap((row) => {
    const end = row.leftAt ? null : endOfOpenSession(row.joinedAt, callEnds.get(row.webinarId) ?? [])
    return (end?.getTime() ?? null) !== (row.lastSeenAt?.getTime() ?? null) ? [{ id: row.id, endedAt: end }] : []
  })
  await attendanceRepository.setStreamSessionEnds(db, ends)

  const changed: string[] = []
  for (const [webinarId, webinar] of webinars) {
    // The registrants the events name (those locked), as one event after the other would recompute them.
    const ofWebinar = sessionsToWiden.flatMap((session) => (session.webinarId === webinarId && session.registrationId ? [session.registrationId] : []))
    changed.push(...(await recomputeRegistrants(db, webinar, [...new Set(ofWebinar)], now)))
  }
  return changed
}
