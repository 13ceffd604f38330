import type { RoomTicket } from '@webinar/shared/room'
import { requestApi } from '@/lib/api-request'

/** A few minutes' pass to the room's event stream, so that the join token never goes into a URL. */
export function getRoomTicket(joinToken: string): Promise<RoomTicket> {
  return requestApi('post', '/api/join/{token}/room-ticket', { path: { token: joinToken } })
}
