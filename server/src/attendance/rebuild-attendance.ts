import type pg from 'pg'
import type { Clock } from '../clock.ts'
import { runInTransaction } from '../db/transaction.ts'
import { notFound } from '../errors.ts'
import { webinarRepository } from '../webinars/webinar-repository.ts'
import { attendanceRepository, participantEventTypes } from './attendance-repository.ts'
import { identifyStreamUsers } from './identify-stream-users.ts'
import { listCallEnds } from './list-call-ends.ts'
import { isAppliedOnArrival, readParticipantEvent, type ParticipantEvent } from './read-stream-event.ts'
import { recomputeWebinar } from './recompute-attendance.ts'

export interface RebuildOutcome {
  /** Stored participant events read (those applied on arrival). */
  events: number
  /** Stream sessions made from them. */
  streamSessions: number
  /** Registrations whose totals changed. */
  changedRegistrationIds: string[]
}

/**
 * Makes a webinar's Stream sessions again from the raw `stream_webhook_events`, then every registrant's totals.
 * The events are the same ones the webhooks applied (those over a day old on arrival are left out, as they were),
 * folded with the same minimum and maximum, so the result is what applying them one by one gives. Room sessions are
 * first-hand (the room saw them; no event holds them) and are kept. One transaction under the webinar's lock:
 * readers never see the sessions half made, and webhooks arriving meanwhile wait, then widen the new rows.
 */
export async function rebuildAttendance({ pool, clock }: { pool: pg.Pool; clock: Clock }, webinarId: string): Promise<RebuildOutcome> {
  return runInTransaction(pool, async ({ db }) => {
    await attendanceRepository.lockWebinar(db, webinarId)
    const webinar = await webinarRepository.findRowById(db, webinarId)
    if (!webinar) throw notFound('Webinar')
    const callCid = `${webinar.streamCallType}:${webinar.streamCallId}`

    const participants: ParticipantEvent[] = []
    for (const event of await attendanceRepository.listStreamEvents(db, callCid, participantEventTypes)) {
      const participant = isAppliedOnArrival(event.payload, event.receivedAt) ? readParticipantEvent(event.payload as Record<string, unknown>) : undefined
      if (participant) participants.push(participant)
    }
    const sessions = new Map<string, ParticipantEvent>()
    for (const participant of participants) {
      const seen = sessions.get(participant.userSessionId)
      sessions.set(participant.userSessionId, {
        // A session is one person's: the first event to name it says whose.
        streamUserId: seen?.streamUserId ?? participant.streamUserId,
        userSessionId: participant.userSessionId,
        joinedAt: earliest(seen?.joinedAt ?? null, participant.joinedAt),
        leftAt: latest(seen?.leftAt ?? null, participant.leftAt),
      })
    }
    const owners = await identifyStreamUsers(db, webinar.id, [...sessions.values()].map((session) => session.streamUserId))

    await attendanceRepository.deleteStreamSessions(db, webinar.id)
    await attendanceRepository.insertStreamSessions(
      db,
      [...sessions.values()].map((session) => ({
        webinarId: webinar.id,
        ...owners.get(session.streamUserId)!,
        streamUserId: session.streamUserId,
        sessionKey: session.userSessionId,
        joinedAt: session.joinedAt,
        leftAt: session.leftAt,
      })),
    )
    for (const end of await listCallEnds(db, callCid)) await attendanceRepository.closeOpenStreamSessions(db, webinar.id, end)
    const changedRegistrationIds = await recomputeWebinar(db, webinar, clock.now())
    return { events: participants.length, streamSessions: sessions.size, changedRegistrationIds }
  })
}

const earliest = (a: Date | null, b: Date | null) => (a && b ? (a <= b ? a : b) : (a ?? b))
const latest = (a: Date | null, b: Date | null) => (a && b ? (a >= b ? a : b) : (a ?? b))
