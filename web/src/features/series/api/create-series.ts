import type { CreateSeriesBody, Series } from '@webinar/shared/series'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'
import { webinarListsQueryKey } from '@/features/webinars/api/get-webinars'
import { seriesDetailQueryKey } from './get-series'
import { seriesListsQueryKey } from './get-series-list'

export function createSeries(body: CreateSeriesBody): Promise<Series> {
  return dataOf(apiClient.POST('/api/series', { body }))
}

export function useCreateSeries() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: createSeries,
    onSuccess: async (series) => {
      // The series' page opens next and can show the answer at once; its occurrences are new webinars too.
      queryClient.setQueryData(seriesDetailQueryKey(series.id), series)
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: seriesListsQueryKey }),
        queryClient.invalidateQueries({ queryKey: webinarListsQueryKey }),
      ])
    },
  })
}
