import type { InviteSpeakerBody, Speaker } from '@webinar/shared/stage'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'
import { speakersQueryKey } from './get-speakers'
import { stageQueryKey } from './get-stage'

/** A co-host (a staff user) or a guest panelist, who is mailed a personal studio link. */
export function inviteSpeaker({ webinarId, body }: { webinarId: string; body: InviteSpeakerBody }): Promise<Speaker> {
  return dataOf(apiClient.POST('/api/webinars/{id}/speakers', { params: { path: { id: webinarId } }, body }))
}

export function useInviteSpeaker() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: inviteSpeaker,
    onSuccess: (_speaker, { webinarId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: speakersQueryKey(webinarId) }),
        queryClient.invalidateQueries({ queryKey: stageQueryKey(webinarId) }),
      ]),
  })
}
