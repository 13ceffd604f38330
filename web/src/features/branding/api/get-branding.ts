import type { PublicBranding } from '@webinar/shared/organisation'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'

export const brandingQueryKey = ['branding'] as const

export function getBranding({ signal }: { signal?: AbortSignal } = {}): Promise<PublicBranding> {
  return dataOf(apiClient.GET('/api/public/branding', { signal }))
}

export function brandingQueryOptions() {
  return queryOptions({
    queryKey: brandingQueryKey,
    queryFn: getBranding,
    // Changes when an admin saves Settings (which refreshes it here); other visitors see it on their next visit.
    staleTime: 5 * 60 * 1000,
  })
}

/** The organisation's name, accent colour and logo, as public pages show them. */
export function useBranding() {
  return useQuery(brandingQueryOptions())
}
