import type { StreamCredentials } from '@webinar/shared/webinars'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'

export const attendeeStreamCredentialsQueryKey = (joinToken: string) => ['stream-credentials', 'attendee', joinToken] as const

/**
 * The attendee's viewer token, from the join-ahead window until the end. Refusals carry what to show:
 * 409 with `fields.opensAt` before the window, 409 "over" after the end, 403 for a registration not approved.
 */
export function getAttendeeStreamCredentials(joinToken: string, { signal }: { signal?: AbortSignal } = {}): Promise<StreamCredentials> {
  return dataOf(apiClient.POST('/api/join/{token}/stream-token', { params: { path: { token: joinToken } }, signal }))
}

export function attendeeStreamCredentialsQueryOptions(joinToken: string) {
  return queryOptions({
    queryKey: attendeeStreamCredentialsQueryKey(joinToken),
    queryFn: ({ signal }) => getAttendeeStreamCredentials(joinToken, { signal }),
    staleTime: Infinity,
    gcTime: 0,
  })
}

export function useAttendeeStreamCredentials(joinToken: string, { isEnabled }: { isEnabled: boolean }) {
  return useQuery({ ...attendeeStreamCredentialsQueryOptions(joinToken), enabled: isEnabled })
}
