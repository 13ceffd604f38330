import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiClient, noContent } from '@/lib/api-client'
import { removeChatMessage } from '../utils/room-cache'
import type { RoomAuth } from '../utils/room-auth'
import { updateRoomState } from './get-room-state'

const hostAuth: RoomAuth = { kind: 'host' }

export function hideChatMessage(webinarId: string, messageId: string): Promise<void> {
  return noContent(apiClient.POST('/api/rooms/{webinarId}/chat/{itemId}/hide', { params: { path: { webinarId, itemId: messageId } } }))
}

export function useHideChatMessage(webinarId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (messageId: string) => hideChatMessage(webinarId, messageId),
    onSuccess: (_result, messageId) => updateRoomState(queryClient, webinarId, hostAuth, (state) => removeChatMessage(state, messageId)),
  })
}
