import type { RoomTicket } from '@webinar/shared/room'
import { apiClient, dataOf } from '@/lib/api-client'

/** A few minutes' pass to the room's event stream, so that the join token never goes into a URL. */
export function getRoomTicket(joinToken: string): Promise<RoomTicket> {
  return dataOf(apiClient.POST('/api/join/{token}/room-ticket', { params: { path: { token: joinToken } } }))
}
