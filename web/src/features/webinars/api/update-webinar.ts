import type { UpdateWebinarBody, Webinar } from '@webinar/shared/webinars'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'
import { webinarQueryKey } from './get-webinar'
import { webinarListsQueryKey } from './get-webinars'

export function updateWebinar({ webinarId, body }: { webinarId: string; body: UpdateWebinarBody }): Promise<Webinar> {
  return dataOf(apiClient.PATCH('/api/webinars/{id}', { params: { path: { id: webinarId } }, body }))
}

export function useUpdateWebinar() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: updateWebinar,
    onSuccess: (webinar) => {
      queryClient.setQueryData(webinarQueryKey(webinar.id), webinar)
      return queryClient.invalidateQueries({ queryKey: webinarListsQueryKey })
    },
  })
}
