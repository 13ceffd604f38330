import type { StageRequest } from '@webinar/shared/stage'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'
import { stageQueryKey } from './get-stage'

export interface StageRequestRef {
  webinarId: string
  requestId: string
}

/** Brings the attendee on stage: Stream lets them send audio and video in the call. */
export function acceptStageRequest({ webinarId, requestId }: StageRequestRef): Promise<StageRequest> {
  return dataOf(apiClient.POST('/api/webinars/{id}/stage/requests/{requestId}/accept', { params: { path: { id: webinarId, requestId } } }))
}

export function useAcceptStageRequest() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: acceptStageRequest,
    // A refusal (409: the hand came down, another moderator answered) means the queue moved: show it as it is now.
    onSettled: (_request, _error, { webinarId }) => queryClient.invalidateQueries({ queryKey: stageQueryKey(webinarId) }),
  })
}
