import type { ChatSlowMode } from '@webinar/shared/room'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'
import { setSlowMode } from '../utils/room-cache'
import type { RoomAuth } from '../utils/room-auth'
import { updateRoomState } from './get-room-state'

const hostAuth: RoomAuth = { kind: 'host' }

/** Changes slow mode live (moderators): every chat box hears of it. */
export function setChatSlowMode(webinarId: string, seconds: number): Promise<ChatSlowMode> {
  return dataOf(apiClient.PUT('/api/rooms/{webinarId}/chat/slow-mode', { params: { path: { webinarId } }, body: { seconds } }))
}

export function useSetChatSlowMode(webinarId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (seconds: number) => setChatSlowMode(webinarId, seconds),
    onSuccess: ({ seconds }) => updateRoomState(queryClient, webinarId, hostAuth, (state) => setSlowMode(state, seconds)),
  })
}
