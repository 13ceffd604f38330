import type { AddedRegistration } from '@webinar/shared/registrations'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api-client'
import { webinarRegistrationsQueryKey } from './get-registrations'

/** shared/src/registrations.ts AddRegistrationBody, which has no exported type; the form sends name and e-mail. */
export interface AddRegistrationBody {
  name: string
  email: string
  timezone?: string
}

export function addRegistration({ webinarId, body }: { webinarId: string; body: AddRegistrationBody }): Promise<AddedRegistration> {
  return api.post<AddedRegistration>(`/api/webinars/${encodeURIComponent(webinarId)}/registrations`, body)
}

export function useAddRegistration() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: addRegistration,
    onSuccess: (_registration, { webinarId }) => queryClient.invalidateQueries({ queryKey: webinarRegistrationsQueryKey(webinarId) }),
  })
}
