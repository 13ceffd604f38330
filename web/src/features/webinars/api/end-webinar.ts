import type { Webinar } from '@webinar/shared/webinars'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'
import { webinarQueryKey } from './get-webinar'
import { webinarListsQueryKey } from './get-webinars'

export function endWebinar(webinarId: string): Promise<Webinar> {
  return dataOf(apiClient.POST('/api/webinars/{id}/end', { params: { path: { id: webinarId } } }))
}

export function useEndWebinar() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: endWebinar,
    onSuccess: (webinar) => {
      queryClient.setQueryData(webinarQueryKey(webinar.id), webinar)
      return queryClient.invalidateQueries({ queryKey: webinarListsQueryKey })
    },
    // A refusal (409) usually means the webinar changed elsewhere: show what it is now.
    onError: (_error, webinarId) => queryClient.invalidateQueries({ queryKey: webinarQueryKey(webinarId) }),
  })
}
