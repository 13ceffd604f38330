import type { Database } from '../db/client.ts'
import { speakerRepository } from '../speakers/speaker-repository.ts'
import { stageMemberOf } from '../speakers/speaker-view.ts'
import { callRefOf, VideoUnavailableError, staffStreamUserId, type VideoService } from '../video/video-service.ts'
import { webinarRepository } from './webinar-repository.ts'

export interface CallSyncDependencies {
  db: Database
  video: VideoService
  logger: { warn: (object: object, message: string) => void }
}

/**
 * Brings the webinar's Stream call in line with its row: creates or updates it until the webinar is over, ends
 * it once cancelled or ended (an end that Stream refused at the time is retried here). Safe to run any number of
 * times, from a request or from the job.
 */
export async function syncWebinarCall(
  { db, video, logger }: CallSyncDependencies,
  webinarId: string,
  options: { isLastAttempt?: boolean } = {},
): Promise<void> {
  const record = await webinarRepository.findById(db, webinarId)
  if (!record) return // Deleted since: nothing to keep in step.
  const { webinar, host } = record
  if (webinar.provisioning === 'ready') return
  const version = webinar.callSyncVersion
  const ref = callRefOf(webinar)
  try {
    if (webinar.status === 'cancelled' || webinar.status === 'ended') {
      await video.endCall(ref)
    } else {
      const speakers = await speakerRepository.listActive(db, webinar.id)
      await video.syncCall({
        ...ref,
        webinarId: webinar.id,
        title: webinar.title,
        capacity: webinar.capacity,
        startTime: webinar.startTime,
        joinAheadSeconds: webinar.settings.joinAheadSeconds,
        viewerMode: webinar.settings.viewerMode,
        isLive: webinar.status === 'live',
        host: { streamUserId: staffStreamUserId(host.id), name: host.name },
        // A co-host who is also the host is the host once.
        speakers: speakers.filter((speaker) => speaker.userId !== host.id).map(stageMemberOf),
        handRaising: webinar.settings.handRaising,
      })
    }
    await webinarRepository.markCallSynced(db, webinar.id, version)
  } catch (error) {
    const message = error instanceof VideoUnavailableError ? error.message : 'Unexpected error while preparing the call'
    await webinarRepository.recordCallSyncFailure(db, webinar.id, version, message, options.isLastAttempt ?? false)
    logger.warn({ err: error, webinarId }, 'could not bring the Stream call in step; it will be retried')
    throw error
  }
}
