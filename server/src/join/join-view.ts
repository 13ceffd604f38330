import type { JoinView } from '@webinar/shared/registrations'
import { registrantStreamUserId } from '../video/video-service.ts'
import type { WebinarRow } from '../webinars/webinar-repository.ts'
import { toAttendeeWebinarView } from '../webinars/webinar-view.ts'
import { findByJoinToken, type JoinTokenLookupDependencies } from './find-by-join-token.ts'

/** When approved registrants may enter: the webinar's join-ahead window before its start. */
export function joinOpensAt(webinar: WebinarRow): Date {
  return new Date(webinar.startTime.getTime() - webinar.settings.joinAheadSeconds * 1000)
}

/** What the personal page shows: the registration, its webinar, and when the room opens. */
export async function getJoinView(deps: JoinTokenLookupDependencies, token: string): Promise<JoinView> {
  const { registration, webinar, host } = await findByJoinToken(deps, token)
  return {
    registration: { name: registration.name, email: registration.email, status: registration.status, streamUserId: registrantStreamUserId(registration.id) },
    webinarId: webinar.id,
    call: { type: webinar.streamCallType, id: webinar.streamCallId },
    webinar: toAttendeeWebinarView(webinar, host.name),
    joinOpensAt: joinOpensAt(webinar).toISOString(),
    viewing: { mode: webinar.settings.viewerMode, hlsPlaylistUrl: webinar.hlsPlaylistUrl, isCaptioning: webinar.isCaptioning },
  }
}
