import type { Poll } from '@webinar/shared/room'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'
import { upsertPoll } from '../utils/room-cache'
import type { RoomAuth } from '../utils/room-auth'
import { updateRoomState } from './get-room-state'

const hostAuth: RoomAuth = { kind: 'host' }

/** A poll starts as a draft only the host sees; opening it shows it to attendees. */
export function createPoll(webinarId: string, poll: { question: string; options: string[] }): Promise<Poll> {
  return dataOf(apiClient.POST('/api/rooms/{webinarId}/polls', { params: { path: { webinarId } }, body: poll }))
}

export function useCreatePoll(webinarId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (poll: { question: string; options: string[] }) => createPoll(webinarId, poll),
    onSuccess: (poll) => updateRoomState(queryClient, webinarId, hostAuth, (state) => upsertPoll(state, poll, { isHost: true })),
  })
}
