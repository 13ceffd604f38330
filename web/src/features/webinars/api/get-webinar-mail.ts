import type { MailboxList, WebinarMailQuery } from '@webinar/shared/mailbox'
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query'
import { apiClient, dataOf, queryOf } from '@/lib/api-client'
import { webinarQueryKey } from './get-webinar'

export const webinarMailQueryKey = (webinarId: string) => [...webinarQueryKey(webinarId), 'mail'] as const

/** Mail is written as people register and delivered in the background: while the list is open, it is read again this often. */
export const webinarMailPollMs = 15_000

/** The mail sent for the webinar, newest first: who got what, and whether it went out (no bodies). */
export function getWebinarMail(webinarId: string, query: WebinarMailQuery, { signal }: { signal?: AbortSignal } = {}): Promise<MailboxList> {
  return dataOf(apiClient.GET('/api/webinars/{id}/mail', { params: { path: { id: webinarId }, query: queryOf(query) }, signal }))
}

export function webinarMailQueryOptions(webinarId: string, query: WebinarMailQuery) {
  return queryOptions({
    queryKey: [...webinarMailQueryKey(webinarId), query],
    queryFn: ({ signal }) => getWebinarMail(webinarId, query, { signal }),
    staleTime: 5 * 1000,
    refetchOnWindowFocus: true,
    refetchInterval: webinarMailPollMs,
  })
}

export function useWebinarMail(webinarId: string, query: WebinarMailQuery) {
  // Keep the previous page in view while the next page or filter loads, instead of flashing a spinner.
  return useQuery({ ...webinarMailQueryOptions(webinarId, query), placeholderData: keepPreviousData })
}
