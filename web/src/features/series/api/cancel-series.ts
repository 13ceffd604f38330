import type { Series } from '@webinar/shared/series'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'
import { webinarsQueryKey } from '@/features/webinars/api/get-webinars'
import { seriesDetailQueryKey } from './get-series'
import { seriesListsQueryKey } from './get-series-list'

export function cancelSeries(seriesId: string): Promise<Series> {
  return dataOf(apiClient.POST('/api/series/{id}/cancel', { params: { path: { id: seriesId } } }))
}

export function useCancelSeries() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: cancelSeries,
    onSuccess: async (series) => {
      queryClient.setQueryData(seriesDetailQueryKey(series.id), series)
      // Its occurrences are cancelled webinars now.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: seriesListsQueryKey }),
        queryClient.invalidateQueries({ queryKey: webinarsQueryKey }),
      ])
    },
    onError: (_error, seriesId) => queryClient.invalidateQueries({ queryKey: seriesDetailQueryKey(seriesId) }),
  })
}
