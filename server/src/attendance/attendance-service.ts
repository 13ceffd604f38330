import type pg from 'pg'
import type { Clock } from '../clock.ts'
import type { Database } from '../db/client.ts'
import { notFound } from '../errors.ts'
import { queueNames, type JobQueue } from '../jobs/job-queue.ts'
import { webinarRepository } from '../webinars/webinar-repository.ts'
import { applyParticipantEvent } from './apply-participant-event.ts'
import { closeSessionsAtCallEnd } from './close-sessions-at-call-end.ts'
import { measureWebinarPresence, type WebinarPresence } from './measure-webinar-presence.ts'
import { readCallEnd } from './read-stream-event.ts'
import { recomputeWebinarAttendance } from './recompute-webinar-attendance.ts'
import { rebuildAttendance, type RebuildOutcome } from './rebuild-attendance.ts'
import { closeRoomPresence, openRoomPresence, recordRoomHeartbeat, type RoomConnection } from './track-room-presence.ts'

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

  return {
    /** A participant joined or left the webinar's call (Stream's webhook). */
    applyParticipantEvent: async (webinarId: string, callCid: string, event: Record<string, unknown>) =>
      tell(await applyParticipantEvent(deps, webinarId, callCid, event)),

    /** The webinar's call, or a session of it, ended (Stream's `call.ended` or `call.session_ended`), at the event's time. */
    closeAtCallEnd: async (webinarId: string, event: Record<string, unknown>) =>
      tell(await closeSessionsAtCallEnd(deps, webinarId, readCallEnd(event) ?? clock.now())),

    /** The live window moved (the webinar went live): every registrant's totals again, at once. */
    recomputeWebinar: async (webinarId: string) => tell(await recomputeWebinarAttendance(deps, webinarId)),

    openRoomPresence: async (connection: RoomConnection) => {
      await tell(await openRoomPresence(deps, connection))
    },
    recordRoomHeartbeat: (connection: RoomConnection) => recordRoomHeartbeat(deps, connection),
    closeRoomPresence: async (connection: RoomConnection) => {
      await tell(await closeRoomPresence(deps, connection))
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
export type { RoomConnection }
