import type { StageRequest } from '@webinar/shared/stage'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'
import type { StageRequestRef } from './accept-stage-request'
import { stageQueryKey } from './get-stage'

/** Ends an attendee's turn on stage: Stream takes back sending audio and video. */
export function takeOffStage({ webinarId, requestId }: StageRequestRef): Promise<StageRequest> {
  return dataOf(apiClient.POST('/api/webinars/{id}/stage/requests/{requestId}/end', { params: { path: { id: webinarId, requestId } } }))
}

export function useTakeOffStage() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: takeOffStage,
    onSettled: (_request, _error, { webinarId }) => queryClient.invalidateQueries({ queryKey: stageQueryKey(webinarId) }),
  })
}
