import type { ErasedPerson } from '@webinar/shared/privacy'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'
import { auditLogQueryKey } from './get-audit-log'

export function erasePerson(email: string): Promise<ErasedPerson> {
  return dataOf(apiClient.POST('/api/people/erase', { body: { email } }))
}

export function useErasePerson() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: erasePerson,
    // Registrations, mail and reports change under the erased person's name: everything cached is asked again.
    onSuccess: () => queryClient.invalidateQueries(),
    onSettled: () => queryClient.invalidateQueries({ queryKey: auditLogQueryKey }),
  })
}
