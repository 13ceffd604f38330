import type { Series, UpdateFollowingBody } from '@webinar/shared/series'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'
import { webinarsQueryKey } from '@/features/webinars/api/get-webinars'
import { seriesDetailQueryKey } from './get-series'
import { seriesListsQueryKey } from './get-series-list'

/** "This and following": the occurrence `fromWebinarId` and every later one not yet live change, and so does the series. */
export function updateFollowing({ seriesId, body }: { seriesId: string; body: UpdateFollowingBody }): Promise<Series> {
  return dataOf(apiClient.POST('/api/series/{id}/following', { params: { path: { id: seriesId } }, body }))
}

export function useUpdateFollowing() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: updateFollowing,
    onSuccess: async (series) => {
      queryClient.setQueryData(seriesDetailQueryKey(series.id), series)
      // Several webinars changed at once: every webinar page and list asks again.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: seriesListsQueryKey }),
        queryClient.invalidateQueries({ queryKey: webinarsQueryKey }),
      ])
    },
  })
}
