import type { AddedRegistration } from '@webinar/shared/registrations'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiClient, dataOf, type ApiRequestBody } from '@/lib/api-client'
import { webinarRegistrationsQueryKey } from './get-registrations'

/** What the route takes (shared/src/registrations.ts AddRegistrationBody); the form sends name and e-mail. */
export type AddRegistrationBody = ApiRequestBody<'/api/webinars/{id}/registrations', 'post'>

export function addRegistration({ webinarId, body }: { webinarId: string; body: AddRegistrationBody }): Promise<AddedRegistration> {
  return dataOf(apiClient.POST('/api/webinars/{id}/registrations', { params: { path: { id: webinarId } }, body }))
}

export function useAddRegistration() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: addRegistration,
    onSuccess: (_registration, { webinarId }) => queryClient.invalidateQueries({ queryKey: webinarRegistrationsQueryKey(webinarId) }),
  })
}
