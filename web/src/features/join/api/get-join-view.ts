import type { JoinView } from '@webinar/shared/registrations'
import { requestApi } from '@/lib/api-request'
import { usePublicQuery } from '@/lib/public-query'

// The personal link's pages (public app) read the view here; the room, in the app, through react-query
// (join-view-query.ts).

export function joinViewKey(token: string): string {
  return `join:${token}`
}

/** The registration behind a personal link, and its webinar. An unknown or replaced link is a 404. */
export function getJoinView(token: string, { signal }: { signal?: AbortSignal } = {}): Promise<JoinView> {
  return requestApi('get', '/api/join/{token}', { path: { token }, signal })
}

export function useJoinView(token: string) {
  return usePublicQuery(joinViewKey(token), () => getJoinView(token))
}

/** Where the registrant's calendar invite downloads from (the server builds the .ics). */
export function calendarFileUrl(token: string): string {
  return `/api/join/${encodeURIComponent(token)}/calendar.ics`
}
