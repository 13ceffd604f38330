import type { SeriesList, SeriesListQuery } from '@webinar/shared/series'
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query'
import { apiClient, dataOf, queryOf } from '@/lib/api-client'

/** Every series query starts with this; changes to a series invalidate the lists below it. */
export const seriesQueryKey = ['series'] as const
export const seriesListsQueryKey = [...seriesQueryKey, 'list'] as const

export function getSeriesList(query: SeriesListQuery, { signal }: { signal?: AbortSignal } = {}): Promise<SeriesList> {
  return dataOf(apiClient.GET('/api/series', { params: { query: queryOf(query) }, signal }))
}

export function seriesListQueryOptions(query: SeriesListQuery) {
  return queryOptions({ queryKey: [...seriesListsQueryKey, query], queryFn: ({ signal }) => getSeriesList(query, { signal }) })
}

export function useSeriesList(query: SeriesListQuery) {
  // The previous page stays on screen while the next one loads.
  return useQuery({ ...seriesListQueryOptions(query), placeholderData: keepPreviousData })
}
