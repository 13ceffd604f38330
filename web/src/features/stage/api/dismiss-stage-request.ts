import type { StageRequest } from '@webinar/shared/stage'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'
import type { StageRequestRef } from './accept-stage-request'
import { stageQueryKey } from './get-stage'

export function dismissStageRequest({ webinarId, requestId }: StageRequestRef): Promise<StageRequest> {
  return dataOf(apiClient.POST('/api/webinars/{id}/stage/requests/{requestId}/dismiss', { params: { path: { id: webinarId, requestId } } }))
}

export function useDismissStageRequest() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: dismissStageRequest,
    onSettled: (_request, _error, { webinarId }) => queryClient.invalidateQueries({ queryKey: stageQueryKey(webinarId) }),
  })
}
