import type { Clock } from '../clock.ts'
import type { Database } from '../db/client.ts'
import type { RecordingService } from '../recordings/recording-service.ts'
import type { RegistrationService } from '../registrations/registration-service.ts'
import type { VideoService } from '../video/video-service.ts'
import { mintAttendeeCredentials } from './attendee-credentials.ts'
import { getCalendarInvite } from './calendar-invite.ts'
import { cancelByJoinToken } from './cancel-by-join-token.ts'
import type { JoinTokens } from './join-token.ts'
import { createJoinLinkLookup } from './join-link-lookup.ts'
import { getJoinView } from './join-view.ts'
import { getReplay } from './replay.ts'
import { findRoomAttendee, findRoomAttendeeByTicket, issueRoomTicket } from './room-access.ts'
import type { RoomTickets } from './room-ticket.ts'

export interface JoinServiceDependencies {
  db: Database
  joinTokens: JoinTokens
  roomTickets: RoomTickets
  video: VideoService
  clock: Clock
  publicUrl: string
  isVideoLocalMode: boolean
  /** Cancelling from the personal link is the registrations domain's cancellation (waitlist, mail). */
  registrations: Pick<RegistrationService, 'changeStatus'>
  /** The replay: recordings with addresses fresh from Stream. */
  recordings: Pick<RecordingService, 'getReplay'>
}

/** What a registrant's personal link unlocks (one operation per file), bound to its dependencies. */
export function createJoinService(dependencies: JoinServiceDependencies) {
  const deps = { ...dependencies, findJoinLink: createJoinLinkLookup(dependencies.db) }
  return {
    getJoinView: (token: string) => getJoinView(deps, token),
    mintAttendeeCredentials: (token: string) => mintAttendeeCredentials(deps, token),
    issueRoomTicket: (token: string) => issueRoomTicket(deps, token),
    findRoomAttendee: (token: string) => findRoomAttendee(deps, token),
    findRoomAttendeeByTicket: (ticket: string, webinarId: string) => findRoomAttendeeByTicket(deps, ticket, webinarId),
    cancel: (token: string) => cancelByJoinToken(deps, token),
    getCalendarInvite: (token: string) => getCalendarInvite(deps, token),
    getReplay: (token: string) => getReplay(deps, token),
  }
}

export type JoinService = ReturnType<typeof createJoinService>
