import type { Replay } from '@webinar/shared/recordings'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'
import { joinViewQueryKey } from './get-join-view'

/** Under the link's own key: when the webinar ends and its view is read again, so is the replay. */
export function replayQueryKey(token: string) {
  return [...joinViewQueryKey(token), 'replay'] as const
}

/** While Stream is still processing the recording, ask again this often: it shows up without a reload. */
export const replayPollMs = 15_000

/** The replay behind a personal link (approved registrations): a 403 for others, a 404 for an unknown link. */
export function getReplay(token: string, { signal }: { signal?: AbortSignal } = {}): Promise<Replay> {
  return dataOf(apiClient.GET('/api/join/{token}/replay', { params: { path: { token } }, signal }))
}

export function replayQueryOptions(token: string) {
  return queryOptions({
    queryKey: replayQueryKey(token),
    queryFn: ({ signal }) => getReplay(token, { signal }),
    refetchInterval: ({ state }) => (state.data?.status === 'processing' ? replayPollMs : false),
    // The file's addresses are signed by Stream and expire: a page left open asks for fresh ones when it comes back.
    staleTime: 5 * 60_000,
  })
}

export function useReplay(token: string, { isEnabled = true }: { isEnabled?: boolean } = {}) {
  return useQuery({ ...replayQueryOptions(token), enabled: isEnabled })
}
