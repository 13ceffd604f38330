import type { ErasedPerson } from '@webinar/shared/privacy'
import { requestApi } from '@/lib/api-request'
import { usePublicMutation } from '@/lib/public-query'

/** The registrant's own request, from their personal link: cancel what is ahead and erase everything under the address. */
export function eraseMyData(token: string): Promise<ErasedPerson> {
  return requestApi('post', '/api/join/{token}/erase', { path: { token } })
}

export function useEraseMyData(token: string) {
  return usePublicMutation<void, ErasedPerson>(() => eraseMyData(token))
}
