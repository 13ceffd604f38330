import type { CreateWebinarBody, Webinar } from '@webinar/shared/webinars'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'
import { webinarQueryKey } from './get-webinar'
import { webinarListsQueryKey } from './get-webinars'

export function createWebinar(body: CreateWebinarBody): Promise<Webinar> {
  return dataOf(apiClient.POST('/api/webinars', { body }))
}

export function useCreateWebinar() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: createWebinar,
    onSuccess: (webinar) => {
      // The webinar's page opens next: it can show the answer at once instead of asking again.
      queryClient.setQueryData(webinarQueryKey(webinar.id), webinar)
      return queryClient.invalidateQueries({ queryKey: webinarListsQueryKey })
    },
  })
}
