import type { UserList } from '@webinar/shared/users'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { api } from '@/lib/api-client'

export const usersQueryKey = ['users'] as const

export function getUsers({ signal }: { signal?: AbortSignal } = {}): Promise<UserList> {
  return api.get<UserList>('/api/users', { signal })
}

export function usersQueryOptions() {
  return queryOptions({ queryKey: usersQueryKey, queryFn: getUsers })
}

export function useUsers({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...usersQueryOptions(), enabled })
}
