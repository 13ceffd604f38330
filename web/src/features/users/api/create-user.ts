import type { CreateUserBody, User } from '@webinar/shared/users'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'
import { usersQueryKey } from './get-users'

export function createUser(body: CreateUserBody): Promise<User> {
  return dataOf(apiClient.POST('/api/users', { body }))
}

export function useCreateUser() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: createUser,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersQueryKey }),
  })
}
