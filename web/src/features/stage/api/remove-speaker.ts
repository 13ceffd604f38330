import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiClient, noContent } from '@/lib/api-client'
import { speakersQueryKey } from './get-speakers'
import { stageQueryKey } from './get-stage'

/** Out of the call and of its members at once; a panelist's studio link stops working. */
export function removeSpeaker({ webinarId, speakerId }: { webinarId: string; speakerId: string }): Promise<void> {
  return noContent(apiClient.DELETE('/api/webinars/{id}/speakers/{speakerId}', { params: { path: { id: webinarId, speakerId } } }))
}

export function useRemoveSpeaker() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: removeSpeaker,
    onSettled: (_result, _error, { webinarId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: speakersQueryKey(webinarId) }),
        queryClient.invalidateQueries({ queryKey: stageQueryKey(webinarId) }),
      ]),
  })
}
