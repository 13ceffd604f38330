import type { MailboxMessage } from '@webinar/shared/mailbox'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'
import { mailboxQueryKey } from './get-mailbox'

export function mailMessageQueryKey(mailId: string) {
  return [...mailboxQueryKey, 'message', mailId] as const
}

/** One mail with its HTML and text bodies and its calendar invite, if any. */
export function getMailMessage(mailId: string, { signal }: { signal?: AbortSignal } = {}): Promise<MailboxMessage> {
  return dataOf(apiClient.GET('/api/mailbox/{id}', { params: { path: { id: mailId } }, signal }))
}

export function mailMessageQueryOptions(mailId: string) {
  return queryOptions({ queryKey: mailMessageQueryKey(mailId), queryFn: ({ signal }) => getMailMessage(mailId, { signal }) })
}

export function useMailMessage(mailId: string) {
  return useQuery(mailMessageQueryOptions(mailId))
}
