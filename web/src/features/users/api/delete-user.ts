import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api-client'
import { usersQueryKey } from './get-users'

export function deleteUser(userId: string): Promise<void> {
  return api.delete(`/api/users/${encodeURIComponent(userId)}`)
}

export function useDeleteUser() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: deleteUser,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersQueryKey }),
  })
}
