import type { JoinView } from '@webinar/shared/registrations'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'

export function joinViewQueryKey(token: string) {
  return ['join', token] as const
}

/** The registration behind a personal link, and its webinar. An unknown or replaced link is a 404. */
export function getJoinView(token: string, { signal }: { signal?: AbortSignal } = {}): Promise<JoinView> {
  return dataOf(apiClient.GET('/api/join/{token}', { params: { path: { token } }, signal }))
}

export function joinViewQueryOptions(token: string) {
  return queryOptions({ queryKey: joinViewQueryKey(token), queryFn: ({ signal }) => getJoinView(token, { signal }) })
}

export function useJoinView(token: string) {
  return useQuery(joinViewQueryOptions(token))
}

/** Where the registrant's calendar invite downloads from (the server builds the .ics). */
export function calendarFileUrl(token: string): string {
  return `/api/join/${encodeURIComponent(token)}/calendar.ics`
}
