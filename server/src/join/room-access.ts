import { AppError, forbidden, unauthenticated } from '../errors.ts'
import { findByJoinToken, type JoinTokenLookupDependencies } from './find-by-join-token.ts'
import type { RoomTickets } from './room-ticket.ts'

/** An approved registrant in a webinar's room. */
export interface RoomAttendee {
  kind: 'registrant'
  id: string
  name: string
  webinarId: string
}

/** The room participant behind a join token: approved registrations only. */
export async function findRoomAttendee(deps: JoinTokenLookupDependencies, token: string): Promise<RoomAttendee> {
  const { registration } = await findByJoinToken(deps, token)
  if (registration.status !== 'approved') throw new AppError('forbidden', `This registration is ${registration.status}: it cannot take part in the room.`)
  return { kind: 'registrant', id: registration.id, name: registration.name, webinarId: registration.webinarId }
}

/** A ticket for the room's event stream, so that the join token itself never travels in a URL. */
export async function issueRoomTicket(
  deps: JoinTokenLookupDependencies & { roomTickets: RoomTickets },
  token: string,
): Promise<{ ticket: string; webinarId: string; expiresAt: string }> {
  const attendee = await findRoomAttendee(deps, token)
  const { ticket, expiresAt } = deps.roomTickets.issue({ webinarId: attendee.webinarId, registrationId: attendee.id, name: attendee.name })
  return { ticket, webinarId: attendee.webinarId, expiresAt: expiresAt.toISOString() }
}

/** The room participant behind a ticket, if it is valid for this webinar. */
export function findRoomAttendeeByTicket({ roomTickets }: { roomTickets: RoomTickets }, ticket: string, webinarId: string): RoomAttendee {
  const claims = roomTickets.read(ticket)
  if (!claims) throw unauthenticated('This room ticket is not valid or has expired: ask for a new one.')
  if (claims.webinarId !== webinarId) throw forbidden('This ticket is for another webinar’s room.')
  return { kind: 'registrant', id: claims.registrationId, name: claims.name, webinarId }
}
