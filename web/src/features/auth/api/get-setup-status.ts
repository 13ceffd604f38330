import type { SetupStatus } from '@webinar/shared/auth'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'

export const setupStatusQueryKey = ['setup-status'] as const

export function getSetupStatus({ signal }: { signal?: AbortSignal } = {}): Promise<SetupStatus> {
  return dataOf(apiClient.GET('/api/setup', { signal }))
}

export function setupStatusQueryOptions() {
  return queryOptions({
    queryKey: setupStatusQueryKey,
    queryFn: getSetupStatus,
    // Only changes once in an installation's life (when the owner is created, which sets it here directly).
    staleTime: Infinity,
  })
}

export function useSetupStatus() {
  return useQuery(setupStatusQueryOptions())
}
