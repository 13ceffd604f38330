import type { RegisterBody, RegistrationReceipt } from '@webinar/shared/registrations'
import { requestApi } from '@/lib/api-request'
import { invalidatePublicQuery, usePublicMutation } from '@/lib/public-query'
import { publicWebinarQueryKey } from './get-public-webinar'

/** Registers for a webinar. The personal join link is never in the answer: it goes by e-mail only. */
export function register(slug: string, body: RegisterBody): Promise<RegistrationReceipt> {
  return requestApi('post', '/api/public/webinars/{slug}/registrations', { path: { slug }, body })
}

export function useRegister(slug: string, send: (body: RegisterBody) => Promise<RegistrationReceipt> = (body) => register(slug, body)) {
  return usePublicMutation(send, {
    // A seat was taken (or registration closed meanwhile): the page shows what is left now.
    onSettled: () => void invalidatePublicQuery(publicWebinarQueryKey(slug)),
  })
}
