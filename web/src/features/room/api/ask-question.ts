import type { Question } from '@webinar/shared/room'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'
import { upsertQuestion } from '../utils/room-cache'
import { roomRequestHeaders, type RoomAuth } from '../utils/room-auth'
import { updateRoomState } from './get-room-state'

export function askQuestion(webinarId: string, auth: RoomAuth, body: string): Promise<Question> {
  return dataOf(
    apiClient.POST('/api/rooms/{webinarId}/questions', { params: { path: { webinarId } }, body: { body }, headers: roomRequestHeaders(auth) }),
  )
}

export function useAskQuestion(webinarId: string, auth: RoomAuth) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: string) => askQuestion(webinarId, auth, body),
    onSuccess: (question) => updateRoomState(queryClient, webinarId, auth, (state) => upsertQuestion(state, question, { isOwnAnswer: true })),
  })
}
