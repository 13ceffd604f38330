import type { JoinView } from '@webinar/shared/registrations'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'
import { joinViewQueryKey } from './get-join-view'

export function cancelRegistration(token: string): Promise<JoinView> {
  return dataOf(apiClient.POST('/api/join/{token}/cancel', { params: { path: { token } } }))
}

export function useCancelRegistration(token: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: () => cancelRegistration(token),
    // The answer is the registration as it is now: show it without asking again.
    onSuccess: (view) => queryClient.setQueryData(joinViewQueryKey(token), view),
  })
}
