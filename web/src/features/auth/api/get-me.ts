import type { MeResponse } from '@webinar/shared/auth'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { apiClient, dataOf, isApiError } from '@/lib/api-client'

export const meQueryKey = ['me'] as const

/** The signed-in staff member, or null when signed out: being signed out is a state here, not an error. */
export async function getMe({ signal }: { signal?: AbortSignal } = {}): Promise<MeResponse | null> {
  try {
    return await dataOf(apiClient.GET('/api/me', { signal }))
  } catch (error) {
    if (isApiError(error, 401)) return null
    throw error
  }
}

export function meQueryOptions() {
  return queryOptions({ queryKey: meQueryKey, queryFn: getMe, staleTime: 5 * 60 * 1000 })
}

export function useMe() {
  return useQuery(meQueryOptions())
}
