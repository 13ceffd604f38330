import type { WebinarList, WebinarListQuery } from '@webinar/shared/webinars'
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query'
import { apiClient, dataOf, queryOf } from '@/lib/api-client'

/** Every webinar query starts with this; mutations invalidate the lists below it. */
export const webinarsQueryKey = ['webinars'] as const
export const webinarListsQueryKey = [...webinarsQueryKey, 'list'] as const

/** How often a page asks again while a Stream call is still being prepared. */
export const provisioningPollMs = 2000

export function getWebinars(query: WebinarListQuery, { signal }: { signal?: AbortSignal } = {}): Promise<WebinarList> {
  return dataOf(apiClient.GET('/api/webinars', { params: { query: queryOf(query) }, signal }))
}

export function webinarsQueryOptions(query: WebinarListQuery) {
  return queryOptions({
    queryKey: [...webinarListsQueryKey, query],
    queryFn: ({ signal }) => getWebinars(query, { signal }),
    // A call being prepared in the background turns ready (or failed) without a reload.
    refetchInterval: ({ state }) => (state.data?.items.some((webinar) => webinar.provisioning === 'pending') ? provisioningPollMs : false),
  })
}

export function useWebinars(query: WebinarListQuery, { enabled = true }: { enabled?: boolean } = {}) {
  // Keep showing the previous page while the next page or search answer loads, instead of flashing a spinner.
  return useQuery({ ...webinarsQueryOptions(query), enabled, placeholderData: keepPreviousData })
}
