import type { Database } from '../db/client.ts'
import { callRefOf, registrantStreamUserId, type VideoService } from '../video/video-service.ts'
import { webinarRepository } from '../webinars/webinar-repository.ts'
import { registrationRepository } from './registration-repository.ts'

export interface CallAccessDependencies {
  db: Database
  video: Pick<VideoService, 'setBlocked'>
}

/**
 * Makes Stream's block list agree with the registration as it is now: blocked (and put out of the call) unless
 * approved. A token already handed out stays valid until it expires, so this is what really keeps a cancelled or
 * rejected registrant out. Reads the current status, so jobs that run late or twice still leave it right.
 */
export async function syncCallAccess({ db, video }: CallAccessDependencies, registrationId: string): Promise<void> {
  const registration = await registrationRepository.findById(db, registrationId)
  if (!registration) return
  const webinar = await webinarRepository.findRowById(db, registration.webinarId)
  // An ended, cancelled or deleted webinar's call lets nobody in any more.
  if (!webinar || webinar.status === 'ended' || webinar.status === 'cancelled') return
  await video.setBlocked(
    callRefOf(webinar),
    registrantStreamUserId(registration.id),
    registration.status !== 'approved',
  )
}
