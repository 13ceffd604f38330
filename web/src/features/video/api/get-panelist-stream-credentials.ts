import type { StreamCredentials } from '@webinar/shared/webinars'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'
import { isApiError } from '@/lib/api-error'

export const panelistStreamCredentialsQueryKey = (studioToken: string) => ['stream-credentials', 'panelist', studioToken] as const

/** A guest panelist's token, from their personal studio link (also their token provider: Stream asks again on expiry). */
export function getPanelistStreamCredentials(studioToken: string, { signal }: { signal?: AbortSignal } = {}): Promise<StreamCredentials> {
  return dataOf(apiClient.POST('/api/stage/{token}/stream-credentials', { params: { path: { token: studioToken } }, signal }))
}

export function panelistStreamCredentialsQueryOptions(studioToken: string) {
  return queryOptions({
    queryKey: panelistStreamCredentialsQueryKey(studioToken),
    queryFn: ({ signal }) => getPanelistStreamCredentials(studioToken, { signal }),
    staleTime: Infinity,
    gcTime: 0,
    // A removed panelist's link answers 404 from now on: asking again changes nothing.
    retry: (failureCount, error) => !isApiError(error, 404) && failureCount < 2,
  })
}

export function usePanelistStreamCredentials(studioToken: string, { isEnabled }: { isEnabled: boolean }) {
  return useQuery({ ...panelistStreamCredentialsQueryOptions(studioToken), enabled: isEnabled })
}
