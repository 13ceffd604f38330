import type { Question } from '@webinar/shared/room'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'
import { upsertQuestion } from '../utils/room-cache'
import type { RoomAuth } from '../utils/room-auth'
import { updateRoomState } from './get-room-state'

const hostAuth: RoomAuth = { kind: 'host' }

export interface QuestionModeration {
  isHidden?: boolean
  isPinned?: boolean
}

export function moderateQuestion(webinarId: string, questionId: string, changes: QuestionModeration): Promise<Question> {
  return dataOf(apiClient.PATCH('/api/rooms/{webinarId}/questions/{itemId}', { params: { path: { webinarId, itemId: questionId } }, body: changes }))
}

export function useModerateQuestion(webinarId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ questionId, changes }: { questionId: string; changes: QuestionModeration }) => moderateQuestion(webinarId, questionId, changes),
    onSuccess: (question) => updateRoomState(queryClient, webinarId, hostAuth, (state) => upsertQuestion(state, question)),
  })
}
