import type { CreateUserBody, User } from '@webinar/shared/users'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api-client'
import { usersQueryKey } from './get-users'

export function createUser(body: CreateUserBody): Promise<User> {
  return api.post<User>('/api/users', body)
}

export function useCreateUser() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: createUser,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersQueryKey }),
  })
}
