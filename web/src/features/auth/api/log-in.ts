import type { LoginBody, MeResponse } from '@webinar/shared/auth'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'
import { meQueryKey } from './get-me'
import { setupStatusQueryKey } from './get-setup-status'

export function logIn(body: LoginBody): Promise<MeResponse> {
  return dataOf(apiClient.POST('/api/auth/login', { body }))
}

export function useLogIn() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: logIn,
    onSuccess: (me) => {
      // Whatever is still cached belongs to whoever was signed in before (say, until their session expired).
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== setupStatusQueryKey[0] })
      queryClient.setQueryData(meQueryKey, me)
    },
  })
}
