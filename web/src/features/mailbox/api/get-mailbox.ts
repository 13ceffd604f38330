import type { MailboxList, MailboxQuery } from '@webinar/shared/mailbox'
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query'
import { apiClient, dataOf, queryOf } from '@/lib/api-client'

/** Every mailbox query starts with this. */
export const mailboxQueryKey = ['mailbox'] as const
export const mailListsQueryKey = [...mailboxQueryKey, 'list'] as const

export function getMailbox(query: MailboxQuery, { signal }: { signal?: AbortSignal } = {}): Promise<MailboxList> {
  return dataOf(apiClient.GET('/api/mailbox', { params: { query: queryOf(query) }, signal }))
}

export function mailboxQueryOptions(query: MailboxQuery) {
  return queryOptions({
    queryKey: [...mailListsQueryKey, query],
    queryFn: ({ signal }) => getMailbox(query, { signal }),
    // New mail arrives whenever someone registers: look again when the admin comes back to the tab.
    staleTime: 5 * 1000,
    refetchOnWindowFocus: true,
  })
}

export function useMailbox(query: MailboxQuery) {
  // Keep the previous page in view while the next page or filter loads, instead of flashing a spinner.
  return useQuery({ ...mailboxQueryOptions(query), placeholderData: keepPreviousData })
}
