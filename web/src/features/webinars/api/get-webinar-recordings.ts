import type { RecordingList } from '@webinar/shared/recordings'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'
import { webinarQueryKey } from './get-webinar'

export const webinarRecordingsQueryKey = (webinarId: string) => [...webinarQueryKey(webinarId), 'recordings'] as const

/** While an ended webinar has no recording yet, ask again this often: Stream takes minutes to prepare one. */
export const recordingsPollMs = 15_000

/** The webinar's recordings; the server asks Stream for new ones and fresh addresses (they expire). */
export function getWebinarRecordings(webinarId: string, { signal }: { signal?: AbortSignal } = {}): Promise<RecordingList> {
  return dataOf(apiClient.GET('/api/webinars/{id}/recordings', { params: { path: { id: webinarId } }, signal }))
}

export function webinarRecordingsQueryOptions(webinarId: string, { isWaitingForOne = false }: { isWaitingForOne?: boolean } = {}) {
  return queryOptions({
    queryKey: webinarRecordingsQueryKey(webinarId),
    queryFn: ({ signal }) => getWebinarRecordings(webinarId, { signal }),
    refetchInterval: ({ state }) => (isWaitingForOne && state.data?.items.length === 0 ? recordingsPollMs : false),
    staleTime: 5 * 60_000,
  })
}

export function useWebinarRecordings(webinarId: string, options: { isWaitingForOne?: boolean } = {}) {
  return useQuery(webinarRecordingsQueryOptions(webinarId, options))
}
