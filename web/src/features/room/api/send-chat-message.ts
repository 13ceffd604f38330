import type { ChatMessage } from '@webinar/shared/room'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'
import { addChatMessage } from '../utils/room-cache'
import { roomRequestHeaders, type RoomAuth } from '../utils/room-auth'
import { updateRoomState } from './get-room-state'

export function sendChatMessage(webinarId: string, auth: RoomAuth, body: string): Promise<ChatMessage> {
  return dataOf(
    apiClient.POST('/api/rooms/{webinarId}/chat', { params: { path: { webinarId } }, body: { body }, headers: roomRequestHeaders(auth) }),
  )
}

export function useSendChatMessage(webinarId: string, auth: RoomAuth) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: string) => sendChatMessage(webinarId, auth, body),
    onSuccess: (message) => updateRoomState(queryClient, webinarId, auth, (state) => addChatMessage(state, message)),
  })
}
