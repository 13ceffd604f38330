import type { RoomTicket } from '@webinar/shared/room'
import { api } from '@/lib/api-client'

/** A few minutes' pass to the room's event stream, so that the join token never goes into a URL. */
export function getRoomTicket(joinToken: string): Promise<RoomTicket> {
  return api.post<RoomTicket>(`/api/join/${encodeURIComponent(joinToken)}/room-ticket`)
}
