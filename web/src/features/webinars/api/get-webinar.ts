import type { Webinar } from '@webinar/shared/webinars'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'
import { provisioningPollMs, webinarsQueryKey } from './get-webinars'

export const webinarQueryKey = (webinarId: string) => [...webinarsQueryKey, 'detail', webinarId] as const

export function getWebinar(webinarId: string, { signal }: { signal?: AbortSignal } = {}): Promise<Webinar> {
  return dataOf(apiClient.GET('/api/webinars/{id}', { params: { path: { id: webinarId } }, signal }))
}

export function webinarQueryOptions(webinarId: string) {
  return queryOptions({
    queryKey: webinarQueryKey(webinarId),
    queryFn: ({ signal }) => getWebinar(webinarId, { signal }),
    refetchInterval: ({ state }) => (state.data?.provisioning === 'pending' ? provisioningPollMs : false),
  })
}

export function useWebinar(webinarId: string) {
  return useQuery(webinarQueryOptions(webinarId))
}
