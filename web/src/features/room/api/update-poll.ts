import type { Poll } from '@webinar/shared/room'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'
import { upsertPoll } from '../utils/room-cache'
import type { RoomAuth } from '../utils/room-auth'
import { updateRoomState } from './get-room-state'

const hostAuth: RoomAuth = { kind: 'host' }

export interface PollChanges {
  status?: 'open' | 'closed'
  areResultsShared?: boolean
}

export function updatePoll(webinarId: string, pollId: string, changes: PollChanges): Promise<Poll> {
  return dataOf(apiClient.PATCH('/api/rooms/{webinarId}/polls/{itemId}', { params: { path: { webinarId, itemId: pollId } }, body: changes }))
}

export function useUpdatePoll(webinarId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ pollId, changes }: { pollId: string; changes: PollChanges }) => updatePoll(webinarId, pollId, changes),
    onSuccess: (poll) => updateRoomState(queryClient, webinarId, hostAuth, (state) => upsertPoll(state, poll, { isHost: true })),
  })
}
