import type { UserList } from '@webinar/shared/users'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'

export const usersQueryKey = ['users'] as const

export function getUsers({ signal }: { signal?: AbortSignal } = {}): Promise<UserList> {
  return dataOf(apiClient.GET('/api/users', { signal }))
}

export function usersQueryOptions() {
  return queryOptions({ queryKey: usersQueryKey, queryFn: getUsers })
}

export function useUsers({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...usersQueryOptions(), enabled })
}
