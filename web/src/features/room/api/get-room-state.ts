import type { RoomState } from '@webinar/shared/room'
import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'
import { roomRequestHeaders, roomViewerKey, type RoomAuth } from '../utils/room-auth'

export const roomStateQueryKey = (webinarId: string, auth: RoomAuth) => ['room', webinarId, roomViewerKey(auth)] as const

export function getRoomState(webinarId: string, auth: RoomAuth, { signal }: { signal?: AbortSignal } = {}): Promise<RoomState> {
  return dataOf(apiClient.GET('/api/rooms/{webinarId}/state', { params: { path: { webinarId } }, headers: roomRequestHeaders(auth), signal }))
}

export function roomStateQueryOptions(webinarId: string, auth: RoomAuth) {
  return queryOptions({
    queryKey: roomStateQueryKey(webinarId, auth),
    queryFn: ({ signal }) => getRoomState(webinarId, auth, { signal }),
    // The event stream keeps it current; it is fetched again only when the stream had to start over.
    staleTime: Infinity,
  })
}

export function useRoomState(webinarId: string, auth: RoomAuth, { refetchInterval }: { refetchInterval?: number | false } = {}) {
  return useQuery({ ...roomStateQueryOptions(webinarId, auth), refetchInterval })
}

/** Applies a change to the cached room, if it is loaded. */
export function updateRoomState(queryClient: QueryClient, webinarId: string, auth: RoomAuth, change: (state: RoomState) => RoomState) {
  queryClient.setQueryData<RoomState>(roomStateQueryKey(webinarId, auth), (state) => (state ? change(state) : state))
}
