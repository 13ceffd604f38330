import type { JoinView } from '@webinar/shared/registrations'
import { requestApi } from '@/lib/api-request'
import { setPublicQueryData, usePublicMutation } from '@/lib/public-query'
import { joinViewKey } from './get-join-view'

export function cancelRegistration(token: string): Promise<JoinView> {
  return requestApi('post', '/api/join/{token}/cancel', { path: { token } })
}

export function useCancelRegistration(token: string) {
  return usePublicMutation<void, JoinView>(() => cancelRegistration(token), {
    // The answer is the registration as it is now: show it without asking again.
    onSuccess: (view) => setPublicQueryData<JoinView>(joinViewKey(token), () => view),
  })
}
