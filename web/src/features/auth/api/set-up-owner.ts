import type { MeResponse, SetupBody } from '@webinar/shared/auth'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'
import { setupStatusQueryKey } from './get-setup-status'
import { meQueryKey } from './get-me'

export function setUpOwner(body: SetupBody): Promise<MeResponse> {
  return dataOf(apiClient.POST('/api/setup', { body }))
}

export function useSetUpOwner() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: setUpOwner,
    onSuccess: (me) => {
      // The answer already says who is signed in; no need to ask again before leaving the page.
      queryClient.setQueryData(meQueryKey, me)
      queryClient.setQueryData(setupStatusQueryKey, { needsSetup: false })
    },
  })
}
