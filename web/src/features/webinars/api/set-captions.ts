import type { Webinar } from '@webinar/shared/webinars'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'
import { webinarQueryKey } from './get-webinar'

/** Turns the call's closed captions on or off (backstage or live); the server tells the room. */
export function setCaptions({ webinarId, isOn }: { webinarId: string; isOn: boolean }): Promise<Webinar> {
  return dataOf(apiClient.POST('/api/webinars/{id}/captions', { params: { path: { id: webinarId } }, body: { isOn } }))
}

export function useSetCaptions() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: setCaptions,
    onSuccess: (webinar) => queryClient.setQueryData(webinarQueryKey(webinar.id), webinar),
    // A refusal (409: the webinar ended meanwhile) or Stream's (502): show what the webinar is now.
    onError: (_error, { webinarId }) => queryClient.invalidateQueries({ queryKey: webinarQueryKey(webinarId) }),
  })
}
