import type { ReportsOverview } from '@webinar/shared/reports'
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'

export type OverviewDays = 30 | 90

export const reportsOverviewQueryKey = ['reports', 'overview'] as const

/** Webinars run in the last `days` days: the caller's own for a host, everyone's for owners and admins. */
export function getReportsOverview(days: OverviewDays, { signal }: { signal?: AbortSignal } = {}): Promise<ReportsOverview> {
  return dataOf(apiClient.GET('/api/reports/overview', { params: { query: { days } }, signal }))
}

export function reportsOverviewQueryOptions(days: OverviewDays) {
  return queryOptions({
    queryKey: [...reportsOverviewQueryKey, days],
    queryFn: ({ signal }) => getReportsOverview(days, { signal }),
  })
}

export function useReportsOverview(days: OverviewDays) {
  // Switching between 30 and 90 days keeps the figures on screen until the others arrive, instead of a spinner.
  return useQuery({ ...reportsOverviewQueryOptions(days), placeholderData: keepPreviousData })
}
