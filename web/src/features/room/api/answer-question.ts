import type { Question } from '@webinar/shared/room'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api-client'
import { upsertQuestion } from '../utils/room-cache'
import { roomPath, type RoomAuth } from '../utils/room-auth'
import { updateRoomState } from './get-room-state'

const hostAuth: RoomAuth = { kind: 'host' }

export function answerQuestion(webinarId: string, questionId: string, answer: string): Promise<Question> {
  return api.post<Question>(roomPath(webinarId, `/questions/${encodeURIComponent(questionId)}/answer`), { answer })
}

export function useAnswerQuestion(webinarId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ questionId, answer }: { questionId: string; answer: string }) => answerQuestion(webinarId, questionId, answer),
    onSuccess: (question) => updateRoomState(queryClient, webinarId, hostAuth, (state) => upsertQuestion(state, question)),
  })
}
