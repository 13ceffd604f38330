import type { Question } from '@webinar/shared/room'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'
import { upsertQuestion } from '../utils/room-cache'
import { roomRequestHeaders, type RoomAuth } from '../utils/room-auth'
import { updateRoomState } from './get-room-state'

/** One upvote per person and question; a second is a 409. */
export function upvoteQuestion(webinarId: string, auth: RoomAuth, questionId: string): Promise<Question> {
  return dataOf(
    apiClient.POST('/api/rooms/{webinarId}/questions/{itemId}/upvote', {
      params: { path: { webinarId, itemId: questionId } },
      headers: roomRequestHeaders(auth),
    }),
  )
}

export function useUpvoteQuestion(webinarId: string, auth: RoomAuth) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (questionId: string) => upvoteQuestion(webinarId, auth, questionId),
    onSuccess: (question) => updateRoomState(queryClient, webinarId, auth, (state) => upsertQuestion(state, question, { isOwnAnswer: true })),
  })
}
