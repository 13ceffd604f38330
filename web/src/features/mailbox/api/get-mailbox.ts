import type { MailboxList, MailboxQuery } from '@webinar/shared/mailbox'
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query'
import { api } from '@/lib/api-client'

/** Every mailbox query starts with this. */
export const mailboxQueryKey = ['mailbox'] as const
export const mailListsQueryKey = [...mailboxQueryKey, 'list'] as const

export function getMailbox(query: MailboxQuery, { signal }: { signal?: AbortSignal } = {}): Promise<MailboxList> {
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(name, String(value))
  }
  const search = params.toString()
  return api.get<MailboxList>(`/api/mailbox${search ? `?${search}` : ''}`, { signal })
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
