import type { Series } from '@webinar/shared/series'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'
import { seriesQueryKey } from './get-series-list'

export const seriesDetailQueryKey = (seriesId: string) => [...seriesQueryKey, 'detail', seriesId] as const

export function getSeries(seriesId: string, { signal }: { signal?: AbortSignal } = {}): Promise<Series> {
  return dataOf(apiClient.GET('/api/series/{id}', { params: { path: { id: seriesId } }, signal }))
}

export function seriesQueryOptions(seriesId: string) {
  return queryOptions({ queryKey: seriesDetailQueryKey(seriesId), queryFn: ({ signal }) => getSeries(seriesId, { signal }) })
}

export function useSeries(seriesId: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...seriesQueryOptions(seriesId), enabled })
}
