import type { Registration } from '@webinar/shared/registrations'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'
import { webinarRegistrationsQueryKey, type RegistrationRef } from './get-registrations'

export function rejectRegistration({ webinarId, registrationId }: RegistrationRef): Promise<Registration> {
  return dataOf(apiClient.POST('/api/webinars/{id}/registrations/{rid}/reject', { params: { path: { id: webinarId, rid: registrationId } } }))
}

export function useRejectRegistration() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: rejectRegistration,
    // Other rows move too (a seat freed by an approved registration goes to the waitlist at once); a refusal
    // (409) means the registrant cancelled meanwhile: either way, show what is true now.
    onSettled: (_registration, _error, { webinarId }) => queryClient.invalidateQueries({ queryKey: webinarRegistrationsQueryKey(webinarId) }),
  })
}
