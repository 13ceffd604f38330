import type { WebinarReport } from '@webinar/shared/reports'
import type { WebinarStatus } from '@webinar/shared/webinars'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { webinarQueryKey } from '@/features/webinars/api/get-webinar'
import { apiClient, dataOf } from '@/lib/api-client'

/** While the webinar is live, its report is asked for again this often. */
export const liveReportPollMs = 10_000

/** Under the webinar's own key: whatever refreshes the webinar refreshes its report too. */
export const webinarReportQueryKey = (webinarId: string) => [...webinarQueryKey(webinarId), 'report'] as const

/** How the webinar went, measured by the server now (exact while live too). */
export function getWebinarReport(webinarId: string, { signal }: { signal?: AbortSignal } = {}): Promise<WebinarReport> {
  return dataOf(apiClient.GET('/api/webinars/{id}/report', { params: { path: { id: webinarId } }, signal }))
}

export function webinarReportQueryOptions(webinarId: string, status: WebinarStatus) {
  return queryOptions({
    // The status is part of the key: going live or ending asks at once, so the final numbers show as it ends.
    queryKey: [...webinarReportQueryKey(webinarId), status],
    queryFn: ({ signal }) => getWebinarReport(webinarId, { signal }),
    refetchInterval: status === 'live' ? liveReportPollMs : false,
    // Meanwhile the numbers of the status before stay on screen (never another webinar's).
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[2] === webinarId ? previous : undefined),
  })
}

export function useWebinarReport(webinarId: string, status: WebinarStatus) {
  return useQuery(webinarReportQueryOptions(webinarId, status))
}
