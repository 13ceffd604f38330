import type { PublicWebinar } from '@webinar/shared/registrations'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'

export const publicWebinarsQueryKey = ['public-webinars'] as const

export function publicWebinarQueryKey(slug: string) {
  return [...publicWebinarsQueryKey, slug] as const
}

export function getPublicWebinar(slug: string, { signal }: { signal?: AbortSignal } = {}): Promise<PublicWebinar> {
  return dataOf(apiClient.GET('/api/public/webinars/{slug}', { params: { path: { slug } }, signal }))
}

export function publicWebinarQueryOptions(slug: string) {
  return queryOptions({
    queryKey: publicWebinarQueryKey(slug),
    queryFn: ({ signal }) => getPublicWebinar(slug, { signal }),
    // Seats come and go as others register and cancel: ask again whenever the page is opened.
    staleTime: 0,
  })
}

export function usePublicWebinar(slug: string) {
  return useQuery(publicWebinarQueryOptions(slug))
}
