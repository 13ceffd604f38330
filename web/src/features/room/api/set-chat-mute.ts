import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiClient, noContent } from '@/lib/api-client'
import { setChatMute, type ChatMuteChange } from '../utils/room-cache'
import type { RoomAuth } from '../utils/room-auth'
import { updateRoomState } from './get-room-state'

const hostAuth: RoomAuth = { kind: 'host' }

/** Mutes (PUT) or unmutes (DELETE) an attendee in the chat: one resource, `chat/mutes/{registrationId}`. */
export function setChatMuteOf(webinarId: string, registrationId: string, isMuted: boolean): Promise<void> {
  const options = { params: { path: { webinarId, registrationId } } }
  return noContent(
    isMuted ? apiClient.PUT('/api/rooms/{webinarId}/chat/mutes/{registrationId}', options) : apiClient.DELETE('/api/rooms/{webinarId}/chat/mutes/{registrationId}', options),
  )
}

export function useSetChatMute(webinarId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (change: ChatMuteChange) => setChatMuteOf(webinarId, change.registrationId, change.isMuted),
    onSuccess: (_result, change) => updateRoomState(queryClient, webinarId, hostAuth, (state) => setChatMute(state, change)),
  })
}
