import type { Webinar } from '@webinar/shared/webinars'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'
import { webinarQueryKey } from './get-webinar'
import { webinarListsQueryKey } from './get-webinars'

export function startWebinar(webinarId: string): Promise<Webinar> {
  return dataOf(apiClient.POST('/api/webinars/{id}/start', { params: { path: { id: webinarId } } }))
}

export function useStartWebinar() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: startWebinar,
    onSuccess: (webinar) => {
      queryClient.setQueryData(webinarQueryKey(webinar.id), webinar)
      return queryClient.invalidateQueries({ queryKey: webinarListsQueryKey })
    },
    // A refusal (409) usually means the webinar changed elsewhere: show what it is now.
    onError: (_error, webinarId) => queryClient.invalidateQueries({ queryKey: webinarQueryKey(webinarId) }),
  })
}
