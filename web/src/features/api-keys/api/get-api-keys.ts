import type { ApiKeyList } from '@webinar/shared/api-keys'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'

export const apiKeysQueryKey = ['api-keys'] as const

export function getApiKeys({ signal }: { signal?: AbortSignal } = {}): Promise<ApiKeyList> {
  return dataOf(apiClient.GET('/api/api-keys', { signal }))
}

export function apiKeysQueryOptions() {
  return queryOptions({ queryKey: apiKeysQueryKey, queryFn: getApiKeys })
}

export function useApiKeys() {
  return useQuery(apiKeysQueryOptions())
}
