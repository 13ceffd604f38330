import type { DuplicateWebinarBody, Webinar } from '@webinar/shared/webinars'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'
import { webinarQueryKey } from './get-webinar'
import { webinarListsQueryKey } from './get-webinars'

export function duplicateWebinar({ webinarId, ...body }: DuplicateWebinarBody & { webinarId: string }): Promise<Webinar> {
  return dataOf(apiClient.POST('/api/webinars/{id}/duplicate', { params: { path: { id: webinarId } }, body }))
}

export function useDuplicateWebinar() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: duplicateWebinar,
    onSuccess: (copy) => {
      // The copy's page opens next: it shows the answer at once instead of asking again.
      queryClient.setQueryData(webinarQueryKey(copy.id), copy)
      return queryClient.invalidateQueries({ queryKey: webinarListsQueryKey })
    },
  })
}
