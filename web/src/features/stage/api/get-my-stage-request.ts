import type { MyStageRequest } from '@webinar/shared/stage'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'

export const myStageRequestQueryKey = (joinToken: string) => ['my-stage-request', joinToken] as const

/** The attendee's own raised hand (their latest request to speak), as their room shows it. */
export function getMyStageRequest(joinToken: string, { signal }: { signal?: AbortSignal } = {}): Promise<MyStageRequest> {
  return dataOf(apiClient.GET('/api/join/{token}/stage', { params: { path: { token: joinToken } }, signal }))
}

export function myStageRequestQueryOptions(joinToken: string) {
  return queryOptions({
    queryKey: myStageRequestQueryKey(joinToken),
    queryFn: ({ signal }) => getMyStageRequest(joinToken, { signal }),
    // The room's `stage.changed` event says when to read it again.
    staleTime: Infinity,
  })
}

export function useMyStageRequest(joinToken: string) {
  return useQuery(myStageRequestQueryOptions(joinToken))
}
