import type { SpeakerList } from '@webinar/shared/stage'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'

export const speakersQueryKey = (webinarId: string) => ['speakers', webinarId] as const

/** The webinar's co-hosts and guest panelists. */
export function getSpeakers(webinarId: string, { signal }: { signal?: AbortSignal } = {}): Promise<SpeakerList> {
  return dataOf(apiClient.GET('/api/webinars/{id}/speakers', { params: { path: { id: webinarId } }, signal }))
}

export function speakersQueryOptions(webinarId: string) {
  return queryOptions({ queryKey: speakersQueryKey(webinarId), queryFn: ({ signal }) => getSpeakers(webinarId, { signal }) })
}

export function useSpeakers(webinarId: string) {
  return useQuery(speakersQueryOptions(webinarId))
}
