import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiClient, noContent } from '@/lib/api-client'
import { usersQueryKey } from './get-users'

export function deleteUser(userId: string): Promise<void> {
  return noContent(apiClient.DELETE('/api/users/{id}', { params: { path: { id: userId } } }))
}

export function useDeleteUser() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: deleteUser,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersQueryKey }),
  })
}
