import type { StageView } from '@webinar/shared/stage'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'
import { isApiError } from '@/lib/api-error'

export const stageViewQueryKey = (studioToken: string) => ['stage-view', studioToken] as const

// A panelist has no room event stream to hear the start on: the view is read again this often.
const stageViewPollMs = 10_000

/** What a guest panelist's personal studio link opens: who they are, and the webinar they speak at. */
export function getStageView(studioToken: string, { signal }: { signal?: AbortSignal } = {}): Promise<StageView> {
  return dataOf(apiClient.GET('/api/stage/{token}', { params: { path: { token: studioToken } }, signal }))
}

export function stageViewQueryOptions(studioToken: string) {
  return queryOptions({
    queryKey: stageViewQueryKey(studioToken),
    queryFn: ({ signal }) => getStageView(studioToken, { signal }),
    refetchInterval: ({ state }) => (state.data?.webinar.status === 'ended' || state.data?.webinar.status === 'cancelled' ? false : stageViewPollMs),
    // A link that does not work (404, removed speaker) will not start working by asking again.
    retry: (failureCount, error) => !isApiError(error, 404) && !isApiError(error, 400) && failureCount < 2,
  })
}

export function useStageView(studioToken: string) {
  return useQuery(stageViewQueryOptions(studioToken))
}
