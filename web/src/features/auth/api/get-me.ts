import type { MeResponse } from '@webinar/shared/auth'
import { queryOptions, skipToken, useQuery, type QueryClient } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'
import { isApiError } from '@/lib/api-error'

export const meQueryKey = ['me'] as const

/** Why the session of this tab ended (the server's words), kept until the next sign-in for the sign-in page to say. */
const sessionEndedNoticeQueryKey = ['session-ended-notice'] as const

/** The signed-in staff member, or null when signed out: being signed out is a state here, not an error. */
export async function getMe({ signal, client }: { signal?: AbortSignal; client?: QueryClient } = {}): Promise<MeResponse | null> {
  try {
    return await dataOf(apiClient.GET('/api/me', { signal }))
  } catch (error) {
    if (!isApiError(error, 401)) throw error
    if (client) forgetEndedSession(client, error.message)
    return null
  }
}

/**
 * A session that ends while a page is open (expired, signed out elsewhere, password changed, account removed)
 * surfaces as a 401 on whatever request comes next. Forgetting the user lets RequireSignedIn send them to the
 * sign-in page, which says why. Only someone who was signed in here gets the reason: a visitor who never was
 * just sees the form.
 */
export function forgetEndedSession(queryClient: QueryClient, reason: string): void {
  if (queryClient.getQueryData<MeResponse | null>(meQueryKey)) queryClient.setQueryData(sessionEndedNoticeQueryKey, reason)
  queryClient.setQueryData(meQueryKey, null)
}

export function meQueryOptions() {
  return queryOptions({
    queryKey: meQueryKey,
    queryFn: getMe,
    staleTime: 5 * 60 * 1000,
  })
}

export function useMe() {
  return useQuery(meQueryOptions())
}

/** The reason the last session of this tab ended, if it ended while open; signing in clears it (useLogIn). */
export function useSessionEndedNotice(): string | undefined {
  const { data } = useQuery<string>({ queryKey: sessionEndedNoticeQueryKey, queryFn: skipToken, staleTime: Infinity })
  return data
}
