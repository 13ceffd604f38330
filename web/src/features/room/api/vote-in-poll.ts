import type { Poll } from '@webinar/shared/room'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'
import { upsertPoll } from '../utils/room-cache'
import { roomRequestHeaders, type RoomAuth } from '../utils/room-auth'
import { updateRoomState } from './get-room-state'

/** One vote per attendee and poll; a second is a 409. */
export function voteInPoll(webinarId: string, auth: RoomAuth, pollId: string, optionIndex: number): Promise<Poll> {
  return dataOf(
    apiClient.POST('/api/rooms/{webinarId}/polls/{itemId}/vote', {
      params: { path: { webinarId, itemId: pollId } },
      body: { optionIndex },
      headers: roomRequestHeaders(auth),
    }),
  )
}

export function useVoteInPoll(webinarId: string, auth: RoomAuth) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ pollId, optionIndex }: { pollId: string; optionIndex: number }) => voteInPoll(webinarId, auth, pollId, optionIndex),
    onSuccess: (poll) => updateRoomState(queryClient, webinarId, auth, (state) => upsertPoll(state, poll, { isHost: false })),
  })
}
