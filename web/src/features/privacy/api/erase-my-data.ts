import type { ErasedPerson } from '@webinar/shared/privacy'
import { useMutation } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'

/** The registrant's own request, from their personal link: cancel what is ahead and erase everything under the address. */
export function eraseMyData(token: string): Promise<ErasedPerson> {
  return dataOf(apiClient.POST('/api/join/{token}/erase', { params: { path: { token } } }))
}

export function useEraseMyData(token: string) {
  return useMutation({ mutationFn: () => eraseMyData(token) })
}
