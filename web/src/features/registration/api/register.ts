import type { RegisterBody, RegistrationReceipt } from '@webinar/shared/registrations'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'
import { publicWebinarQueryKey } from './get-public-webinar'

/** Registers for a webinar. The personal join link is never in the answer: it goes by e-mail only. */
export function register(slug: string, body: RegisterBody): Promise<RegistrationReceipt> {
  return dataOf(apiClient.POST('/api/public/webinars/{slug}/registrations', { params: { path: { slug } }, body }))
}

export function useRegister(slug: string, send: (body: RegisterBody) => Promise<RegistrationReceipt> = (body) => register(slug, body)) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: send,
    // A seat was taken (or registration closed meanwhile): the page shows what is left now.
    onSettled: () => queryClient.invalidateQueries({ queryKey: publicWebinarQueryKey(slug) }),
  })
}
