import type { OrganisationSettings } from '@webinar/shared/organisation'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'

export const organisationQueryKey = ['organisation'] as const

export function getOrganisation({ signal }: { signal?: AbortSignal } = {}): Promise<OrganisationSettings> {
  return dataOf(apiClient.GET('/api/organisation', { signal }))
}

export function organisationQueryOptions() {
  return queryOptions({ queryKey: organisationQueryKey, queryFn: getOrganisation })
}

export function useOrganisation() {
  return useQuery(organisationQueryOptions())
}
