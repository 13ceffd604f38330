import type { StreamCredentials } from '@webinar/shared/webinars'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'

export const hostStreamCredentialsQueryKey = (webinarId: string) => ['stream-credentials', 'host', webinarId] as const

/** The host's call token for one webinar (also the studio's token provider: Stream asks again on expiry). */
export function getHostStreamCredentials(webinarId: string, { signal }: { signal?: AbortSignal } = {}): Promise<StreamCredentials> {
  return dataOf(apiClient.POST('/api/webinars/{id}/stream-token', { params: { path: { id: webinarId } }, signal }))
}

export function hostStreamCredentialsQueryOptions(webinarId: string) {
  return queryOptions({
    queryKey: hostStreamCredentialsQueryKey(webinarId),
    queryFn: ({ signal }) => getHostStreamCredentials(webinarId, { signal }),
    // A token is fetched again by the SDK's token provider when it expires, never by a background refetch.
    staleTime: Infinity,
    gcTime: 0,
  })
}

export function useHostStreamCredentials(webinarId: string) {
  return useQuery(hostStreamCredentialsQueryOptions(webinarId))
}
