import type { StreamCredentials } from '@webinar/shared/webinars'
import type { Clock } from '../clock.ts'
import { AppError, conflict } from '../errors.ts'
import { callRefOf, registrantStreamUserId, toStreamCredentials, type VideoService } from '../video/video-service.ts'
import { endOf } from '../webinars/schedule-rules.ts'
import { findByJoinToken, type JoinTokenLookupDependencies } from './find-by-join-token.ts'
import { joinOpensAt } from './join-view.ts'

export interface AttendeeCredentialsDependencies extends JoinTokenLookupDependencies {
  video: VideoService
  clock: Clock
  isVideoLocalMode: boolean
}

/** The attendee's Stream credentials: approved registrations only, from the join-ahead window until the end. */
export async function mintAttendeeCredentials(deps: AttendeeCredentialsDependencies, token: string): Promise<StreamCredentials> {
  const { registration, webinar } = await findByJoinToken(deps, token)
  if (registration.status !== 'approved') throw new AppError('forbidden', `This registration is ${registration.status}: it cannot join the room.`)
  if (webinar.status === 'cancelled') throw conflict('This webinar was cancelled.')
  const opensAt = joinOpensAt(webinar)
  const scheduledEnd = endOf(webinar.startTime, webinar.durationMinutes)
  const now = deps.clock.now()
  if (webinar.status === 'ended' || (webinar.status !== 'live' && now.getTime() > scheduledEnd.getTime())) {
    throw new AppError('conflict', 'This webinar is over.', { opensAt: 'closed' })
  }
  if (webinar.status !== 'live' && now.getTime() < opensAt.getTime()) {
    throw new AppError('conflict', `The room opens at ${opensAt.toISOString()}.`, { opensAt: opensAt.toISOString() })
  }
  const streamUserId = registrantStreamUserId(registration.id)
  const ref = callRefOf(webinar)
  const minted = deps.video.mintViewerToken({ streamUserId, ref, scheduledEnd })
  return toStreamCredentials({ apiKey: deps.video.apiKey, isLocalMode: deps.isVideoLocalMode, streamUserId, userName: registration.name, ref, minted })
}
