import type pg from 'pg'
import { runInTransaction } from '../db/transaction.ts'
import { queueNames, type JobQueue } from '../jobs/job-queue.ts'
import type { OutgoingEvents } from '../outgoing-webhooks/outgoing-events.ts'
import type { RecordingService } from '../recordings/recording-service.ts'
import { webinarRepository, type WebinarRecord } from './webinar-repository.ts'
import { toWebinarView } from './webinar-view.ts'

/**
 * Runs independent effects side by side, so that the request that set them off waits for the slowest rather than
 * for their sum; each one runs to its end whatever the others do, and the first failure is the answer.
 */
async function allOf(effects: Promise<unknown>[]): Promise<void> {
  const outcomes = await Promise.allSettled(effects)
  const failed = outcomes.find((outcome) => outcome.status === 'rejected')
  if (failed) throw failed.reason
}

/**
 * What follows a webinar's status change, whichever way it happened (our API, or the host acting in Stream
 * and its webhook telling us): mail to registrants, an event in the room, one for integrators (outgoing
 * webhooks) and, after the end, the checks for its recordings. Called once per change, by whoever moved the status.
 */
export function createStatusEffects({ jobs, announceInRoom, closeRoom, followUpDelaySeconds, pool, outgoingEvents, recordings }: {
  jobs: JobQueue
  /** Tells everyone in the room (SSE) about the new status. */
  announceInRoom: (webinarId: string, status: 'live' | 'ended' | 'cancelled') => Promise<void>
  /** Closes what stays open in the room after the end (polls). */
  closeRoom: (webinarId: string) => Promise<void>
  /** How long follow-ups wait, so that Stream's last participant webhooks are in before attendance is read. */
  followUpDelaySeconds: number
  pool: pg.Pool
  outgoingEvents: OutgoingEvents
  /** After the end, reads of Stream's list of the call's recordings (the webhook may be late, or lost). */
  recordings: Pick<RecordingService, 'scheduleChecks'>
}) {
  /**
   * `webinar.started` / `webinar.ended` for integrators, in a transaction of its own right after the change: the
   * status moves in places without one (starting is a single statement; Stream's webhooks move it too), and this is
   * the one place every path goes through, exactly once per change. The deliveries and their jobs commit together;
   * a process that dies between the change and this loses the event, as it would the "we're live" mail's job.
   */
  async function tellIntegrators(webinarId: string, type: 'webinar.started' | 'webinar.ended', known?: WebinarRecord): Promise<void> {
    await runInTransaction(pool, async (transaction) => {
      const record = known ?? (await webinarRepository.findById(transaction.db, webinarId))
      if (record) await outgoingEvents.emit(transaction, type, toWebinarView(record))
    })
  }

  return {
    /** `live`: the webinar as the change left it, when the caller has it (else it is read). */
    async wentLive(webinarId: string, live?: WebinarRecord): Promise<void> {
      await allOf([
        // One fan-out job tells every approved registrant.
        jobs.send(queueNames.announceLive, { webinarId }),
        tellIntegrators(webinarId, 'webinar.started', live),
        announceInRoom(webinarId, 'live'),
      ])
    },
    async ended(webinarId: string): Promise<void> {
      await allOf([
        jobs.send(queueNames.sendFollowUps, { webinarId }, { startAfterSeconds: followUpDelaySeconds }),
        tellIntegrators(webinarId, 'webinar.ended'),
        recordings.scheduleChecks(webinarId),
        // What stays open closes before the room hears the end.
        closeRoom(webinarId).then(() => announceInRoom(webinarId, 'ended')),
      ])
    },
    /** The cancellation mail is enqueued in the cancelling transaction; only the room is left to tell. */
    async cancelled(webinarId: string): Promise<void> {
      await announceInRoom(webinarId, 'cancelled')
    },
  }
}

export type StatusEffects = ReturnType<typeof createStatusEffects>
