import type { MyStageRequest } from '@webinar/shared/stage'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'
import { myStageRequestQueryKey } from './get-my-stage-request'

/** Lowers the attendee's hand, or takes them off the stage when they are on it. */
export function lowerHand(joinToken: string): Promise<MyStageRequest> {
  return dataOf(apiClient.DELETE('/api/join/{token}/stage', { params: { path: { token: joinToken } } }))
}

export function useLowerHand(joinToken: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => lowerHand(joinToken),
    onSuccess: (mine) => queryClient.setQueryData(myStageRequestQueryKey(joinToken), mine),
  })
}
