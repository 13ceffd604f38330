import { queueNames, type JobQueue } from '../jobs/job-queue.ts'

// Follow-ups wait a little so that Stream's last participant webhooks are in before attendance is read.
const followUpDelaySeconds = 120

/**
 * What follows a webinar's status change, whichever way it happened (our API, or the host acting in Stream
 * and its webhook telling us): mail to registrants and an event in the room. Called once per change, by
 * whoever moved the status.
 */
export function createStatusEffects({ jobs, announceInRoom }: {
  jobs: JobQueue
  /** Tells everyone in the room (SSE) about the new status. */
  announceInRoom: (webinarId: string, status: 'live' | 'ended' | 'cancelled') => Promise<void>
}) {
  return {
    async wentLive(webinarId: string): Promise<void> {
      // One fan-out job tells every approved registrant.
      await jobs.send(queueNames.announceLive, { webinarId })
      await announceInRoom(webinarId, 'live')
    },
    async ended(webinarId: string): Promise<void> {
      await jobs.send(queueNames.sendFollowUps, { webinarId }, { startAfterSeconds: followUpDelaySeconds })
      await announceInRoom(webinarId, 'ended')
    },
    /** The cancellation mail is enqueued in the cancelling transaction; only the room is left to tell. */
    async cancelled(webinarId: string): Promise<void> {
      await announceInRoom(webinarId, 'cancelled')
    },
  }
}

export type StatusEffects = ReturnType<typeof createStatusEffects>
