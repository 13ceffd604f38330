import type { StageState } from '@webinar/shared/stage'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'

export const stageQueryKey = (webinarId: string) => ['stage', webinarId] as const

/** The studio's stage: the webinar's speakers, the hands up (oldest first) and the attendees on stage. */
export function getStage(webinarId: string, { signal }: { signal?: AbortSignal } = {}): Promise<StageState> {
  return dataOf(apiClient.GET('/api/webinars/{id}/stage', { params: { path: { id: webinarId } }, signal }))
}

export function stageQueryOptions(webinarId: string) {
  return queryOptions({
    queryKey: stageQueryKey(webinarId),
    queryFn: ({ signal }) => getStage(webinarId, { signal }),
    // The room's `stage.changed` event says when to read it again (the studio invalidates this key on it).
    staleTime: Infinity,
  })
}

export function useStage(webinarId: string) {
  return useQuery(stageQueryOptions(webinarId))
}
