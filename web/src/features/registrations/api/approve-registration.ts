import type { Registration } from '@webinar/shared/registrations'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'
import { webinarRegistrationsQueryKey, type RegistrationRef } from './get-registrations'

export function approveRegistration({ webinarId, registrationId }: RegistrationRef): Promise<Registration> {
  return dataOf(apiClient.POST('/api/webinars/{id}/registrations/{rid}/approve', { params: { path: { id: webinarId, rid: registrationId } } }))
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
