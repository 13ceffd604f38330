import type { Question } from '@webinar/shared/room'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api-client'
import { upsertQuestion } from '../utils/room-cache'
import { roomPath, roomRequestHeaders, type RoomAuth } from '../utils/room-auth'
import { updateRoomState } from './get-room-state'

/** One upvote per person and question; a second is a 409. */
export function upvoteQuestion(webinarId: string, auth: RoomAuth, questionId: string): Promise<Question> {
  return api.post<Question>(roomPath(webinarId, `/questions/${encodeURIComponent(questionId)}/upvote`), undefined, { headers: roomRequestHeaders(auth) })
}

export function useUpvoteQuestion(webinarId: string, auth: RoomAuth) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (questionId: string) => upvoteQuestion(webinarId, auth, questionId),
    onSuccess: (question) => updateRoomState(queryClient, webinarId, auth, (state) => upsertQuestion(state, question, { isOwnAnswer: true })),
  })
}
