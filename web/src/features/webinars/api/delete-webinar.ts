import type { DeleteWebinarBody } from '@webinar/shared/webinars'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiClient, noContent } from '@/lib/api-client'
import { webinarQueryKey } from './get-webinar'
import { webinarListsQueryKey } from './get-webinars'

/** Deletes a webinar and its Stream call; `records` says whether its registrations and mail stay for reports. */
export function deleteWebinar({ webinarId, records }: { webinarId: string } & DeleteWebinarBody): Promise<void> {
  return noContent(apiClient.DELETE('/api/webinars/{id}', { params: { path: { id: webinarId } }, body: { records } }))
}

export function useDeleteWebinar() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: deleteWebinar,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webinarListsQueryKey }),
    // A refusal (409: it went live meanwhile) is about the webinar as it is now: show that.
    onError: (_error, { webinarId }) => queryClient.invalidateQueries({ queryKey: webinarQueryKey(webinarId) }),
  })
}
