import type { PublicSeries } from '@webinar/shared/series'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'

export const publicSeriesQueryKey = (slug: string) => ['public-series', slug] as const

export function getPublicSeries(slug: string, { signal }: { signal?: AbortSignal } = {}): Promise<PublicSeries> {
  return dataOf(apiClient.GET('/api/public/series/{slug}', { params: { path: { slug } }, signal }))
}

export function publicSeriesQueryOptions(slug: string) {
  return queryOptions({
    queryKey: publicSeriesQueryKey(slug),
    queryFn: ({ signal }) => getPublicSeries(slug, { signal }),
    // Seats and sessions come and go: ask again whenever the page is opened.
    staleTime: 0,
  })
}

export function usePublicSeries(slug: string) {
  return useQuery(publicSeriesQueryOptions(slug))
}
