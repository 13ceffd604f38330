import { getRoomTicket } from './get-room-ticket'
import { roomPath, type RoomAuth } from '../utils/room-auth'

/**
 * Opens the room's event stream. EventSource cannot send headers: hosts send their cookie, attendees a
 * fresh room ticket in the query (short-lived, so ask again each time the stream has to start over).
 * Without `lastEventId` the stream starts from now.
 */
export async function openRoomEventSource(webinarId: string, auth: RoomAuth, lastEventId?: number): Promise<EventSource> {
  const params = new URLSearchParams()
  if (lastEventId !== undefined) params.set('lastEventId', String(lastEventId))
  if (auth.kind === 'attendee') params.set('ticket', (await getRoomTicket(auth.joinToken)).ticket)
  const query = params.toString()
  return new EventSource(`${roomPath(webinarId, '/events')}${query ? `?${query}` : ''}`)
}
