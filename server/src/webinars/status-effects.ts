import { queueNames, type JobQueue } from '../jobs/job-queue.ts'

/**
 * What follows a webinar's status change, whichever way it happened (our API, or the host acting in Stream
 * and its webhook telling us): mail to registrants and an event in the room. Called once per change, by
 * whoever moved the status.
 */
export function createStatusEffects({ jobs, announceInRoom, closeRoom, followUpDelaySeconds }: {
  jobs: JobQueue
  /** Tells everyone in the room (SSE) about the new status. */
  announceInRoom: (webinarId: string, status: 'live' | 'ended' | 'cancelled') => Promise<void>
  /** Closes what stays open in the room after the end (polls). */
  closeRoom: (webinarId: string) => Promise<void>
  /** How long follow-ups wait, so that Stream's last participant webhooks are in before attendance is read. */
  followUpDelaySeconds: number
}) {
  return {
    async wentLive(webinarId: string): Promise<void> {
      // One fan-out job tells every approved registrant.
      await jobs.send(queueNames.announceLive, { webinarId })
      await announceInRoom(webinarId, 'live')
    },
    async ended(webinarId: string): Promise<void> {
      await jobs.send(queueNames.sendFollowUps, { webinarId }, { startAfterSeconds: followUpDelaySeconds })
      await closeRoom(webinarId)
      await announceInRoom(webinarId, 'ended')
    },
    /** The cancellation mail is enqueued in the cancelling transaction; only the room is left to tell. */
    async cancelled(webinarId: string): Promise<void> {
      await announceInRoom(webinarId, 'cancelled')
    },
  }
}

export type StatusEffects = ReturnType<typeof createStatusEffects>
