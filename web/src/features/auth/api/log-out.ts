import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiClient, noContent } from '@/lib/api-client'
import { meQueryKey } from './get-me'

export function logOut(): Promise<void> {
  return noContent(apiClient.POST('/api/auth/logout'))
}

export function useLogOut() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: logOut,
    onSuccess: () => {
      // Drop everything fetched as this person, so the next one to sign in on this browser starts clean.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== meQueryKey[0] })
      queryClient.setQueryData(meQueryKey, null)
    },
  })
}
