import type pg from 'pg'
import type { Clock } from '../clock.ts'
import type { Database } from '../db/client.ts'
import { createGroupCommit } from '../db/group-commit.ts'
import { runInTransaction } from '../db/transaction.ts'
import { notFound } from '../errors.ts'
import { queueNames, type JobQueue } from '../jobs/job-queue.ts'
import { webinarRepository } from '../webinars/webinar-repository.ts'
import { applyParticipantEvents, type ParticipantEventOfWebinar } from './apply-participant-events.ts'
import { closeSessionsAtCallEnd } from './close-sessions-at-call-end.ts'
import { measureWebinarPresence, type WebinarPresence } from './measure-webinar-presence.ts'
import { readCallEnd } from './read-stream-event.ts'
import { recomputeWebinarAttendance } from './recompute-webinar-attendance.ts'
import { rebuildAttendance, type RebuildOutcome } from './rebuild-attendance.ts'
import { changeRoomPresence, recordRoomHeartbeats, type RoomConnection, type RoomPresenceChange } from './track-room-presence.ts'

export interface AttendanceServiceDependencies {
  db: Database
  pool: pg.Pool
  clock: Clock
  jobs: Pick<JobQueue, 'send'>
  logger: { warn: (object: object, message: string) => void }
  /**
   * Told, after the change is committed, which registrations' totals (registration_attendance) changed: for the
   * `attendance.updated` outgoing webhook. Its failure is logged, never the caller's.
   */
  onAttendanceChanged?: (registrationIds: string[]) => Promise<void> | void
}

/** How often an open room connection says it is still there (the event stream's keep-alive carries it). */
export const roomHeartbeatIntervalMs = 30_000

/**
 * Who was there and for how long: Stream's participant webhooks and the room's own presence make attendance
 * sessions; each registrant's totals follow every change (see measure-attendance.ts for how they are counted).
 */
export function createAttendanceService(deps: AttendanceServiceDependencies) {
  const { db, clock, jobs, logger } = deps

  async function tell(registrationIds: string[]): Promise<string[]> {
    if (registrationIds.length > 0 && deps.onAttendanceChanged) {
      try {
        await deps.onAttendanceChanged(registrationIds)
      } catch (error) {
        logger.warn({ err: error, registrations: registrationIds.length }, 'attendance: the change listener failed')
      }
    }
    return registrationIds
  }

  // Attendees arrive by the thousand when a webinar starts, and each of their connections beats every 30 s: their
  // presence is written in groups (db/group-commit.ts), a few statements per group, one group at a time, so it never
  // holds more than one of the pool's connections that the room's messages need.
  const presenceGroupSize = 500
  const presenceChanges = createGroupCommit(
    async (changes: RoomPresenceChange[]) => {
      const announced = tell(await changeRoomPresence(deps, changes))
      return changes.map(() => ({ announced }))
    },
    { maxGroupSize: presenceGroupSize, lingerMs: 2 },
  )
  const heartbeats = createGroupCommit(
    async (connections: RoomConnection[]) => {
      await recordRoomHeartbeats(deps, connections)
      return connections.map(() => undefined)
    },
    { maxGroupSize: presenceGroupSize, lingerMs: 2 },
  )

  return {
    /**
     * Participants joined or left webinars' calls (Stream's webhooks), many events at once. `record` runs first in
     * the same transaction: it stores the webhooks and says which events to apply (the new ones of webinars' calls),
     * so an event is stored and applied together or not at all (a failure leaves it to Stream's retry, never stored
     * as seen but missing from attendance). Resolves once committed, with what `record` made of the webhooks and the
     * announcement of the changed totals under way (`announced`, which never fails): whoever answers the webhooks
     * waits for it, the next group of events need not.
     */
    applyParticipantEvents: async <Outcome>(
      record: (db: Database) => Promise<{ outcome: Outcome; events: ParticipantEventOfWebinar[] }>,
    ): Promise<{ outcome: Outcome; announced: Promise<unknown> }> => {
      const { outcome, changed } = await runInTransaction(deps.pool, async ({ db: transaction }) => {
        const recorded = await record(transaction)
        return { outcome: recorded.outcome, changed: await applyParticipantEvents(transaction, recorded.events, clock.now()) }
      })
      return { outcome, announced: tell(changed) }
    },

    /** The webinar's call, or a session of it, ended (Stream's `call.ended` or `call.session_ended`), at the event's time. */
    closeAtCallEnd: async (webinarId: string, event: Record<string, unknown>) =>
      tell(await closeSessionsAtCallEnd(deps, webinarId, readCallEnd(event) ?? clock.now())),

    /** The live window moved (the webinar went live): every registrant's totals again, at once. */
    recomputeWebinar: async (webinarId: string) => tell(await recomputeWebinarAttendance(deps, webinarId)),

    /** An attendee's connection to the room opened (its event stream). Settles once recorded and announced. */
    openRoomPresence: async (connection: RoomConnection) => {
      const { announced } = await presenceChanges.add({ kind: 'open', connection })
      await announced
    },
    /** The connection is still there (its heartbeat). */
    recordRoomHeartbeat: (connection: RoomConnection) => heartbeats.add(connection),
    /** The connection closed. */
    closeRoomPresence: async (connection: RoomConnection) => {
      const { announced } = await presenceChanges.add({ kind: 'close', connection })
      await announced
    },

    /** Makes the webinar's Stream sessions again from the stored webhooks, then every total (room sessions are kept). */
    rebuild: async (webinarId: string): Promise<RebuildOutcome> => {
      const outcome = await rebuildAttendance(deps, webinarId)
      await tell(outcome.changedRegistrationIds)
      return outcome
    },

    /** The same, as a background job (pg-boss, retried): for whoever cannot wait for it. */
    enqueueRebuild: (webinarId: string) => jobs.send(queueNames.rebuildAttendance, { webinarId }),

    /** Every registrant's presence as of now, counted as the totals are: for reports. */
    measureWebinar: async (webinarId: string): Promise<WebinarPresence> => {
      const webinar = await webinarRepository.findRowById(db, webinarId)
      if (!webinar) throw notFound('Webinar')
      return measureWebinarPresence(db, webinar, clock.now())
    },
  }
}

export type AttendanceService = ReturnType<typeof createAttendanceService>
/** What the room's event stream reports of an attendee's connection. */
export type RoomPresence = Pick<AttendanceService, 'openRoomPresence' | 'recordRoomHeartbeat' | 'closeRoomPresence'>
export type { ParticipantEventOfWebinar, RoomConnection }
