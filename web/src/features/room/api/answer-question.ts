import type { Question } from '@webinar/shared/room'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'
import { upsertQuestion } from '../utils/room-cache'
import type { RoomAuth } from '../utils/room-auth'
import { updateRoomState } from './get-room-state'

const hostAuth: RoomAuth = { kind: 'host' }

export function answerQuestion(webinarId: string, questionId: string, answer: string): Promise<Question> {
  return dataOf(
    apiClient.POST('/api/rooms/{webinarId}/questions/{itemId}/answer', { params: { path: { webinarId, itemId: questionId } }, body: { answer } }),
  )
}

export function useAnswerQuestion(webinarId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ questionId, answer }: { questionId: string; answer: string }) => answerQuestion(webinarId, questionId, answer),
    onSuccess: (question) => updateRoomState(queryClient, webinarId, hostAuth, (state) => upsertQuestion(state, question)),
  })
}
