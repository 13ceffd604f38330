import type { Registration } from '@webinar/shared/registrations'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api-client'
import { webinarRegistrationsQueryKey, type RegistrationRef } from './get-registrations'

export function approveRegistration({ webinarId, registrationId }: RegistrationRef): Promise<Registration> {
  return api.post<Registration>(`/api/webinars/${encodeURIComponent(webinarId)}/registrations/${encodeURIComponent(registrationId)}/approve`)
}

export function useApproveRegistration() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: approveRegistration,
    // The counts and seats move too; a refusal (409, e.g. no seats left) usually means the seats or the
    // registration changed elsewhere: either way, show what is true now.
    onSettled: (_registration, _error, { webinarId }) => queryClient.invalidateQueries({ queryKey: webinarRegistrationsQueryKey(webinarId) }),
  })
}
