import type { Registration } from '@webinar/shared/registrations'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'
import { webinarRegistrationsQueryKey, type RegistrationRef } from './get-registrations'

/** Mails a new personal link; the old one stops working. */
export function resendRegistrationLink({ webinarId, registrationId }: RegistrationRef): Promise<Registration> {
  return dataOf(apiClient.POST('/api/webinars/{id}/registrations/{rid}/resend', { params: { path: { id: webinarId, rid: registrationId } } }))
}

export function useResendRegistrationLink() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: resendRegistrationLink,
    // A refusal (409) means the registration was cancelled or rejected meanwhile: read its state again.
    onSettled: (_registration, _error, { webinarId }) => queryClient.invalidateQueries({ queryKey: webinarRegistrationsQueryKey(webinarId) }),
  })
}
