import { queryOptions, useQuery } from '@tanstack/react-query'
import { getBranding } from './get-branding'

// The app's (react-query) reading of the branding; the public app reads it without react-query
// (components/public-branding-provider.tsx).

export const brandingQueryKey = ['branding'] as const

export function brandingQueryOptions() {
  return queryOptions({
    queryKey: brandingQueryKey,
    queryFn: getBranding,
    // Changes when an admin saves Settings (which refreshes it here); other visitors see it on their next visit.
    staleTime: 5 * 60 * 1000,
  })
}

export function useBranding() {
  return useQuery(brandingQueryOptions())
}
