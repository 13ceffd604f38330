import type { OrganisationSettings, UpdateOrganisationBody } from '@webinar/shared/organisation'
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query'
import { brandingQueryKey } from '@/features/branding/api/branding-query'
import { apiClient, dataOf } from '@/lib/api-client'
import { organisationQueryKey } from './get-organisation'

export function updateOrganisation(body: UpdateOrganisationBody): Promise<OrganisationSettings> {
  return dataOf(apiClient.PUT('/api/organisation', { body }))
}

/** The settings as the server answered them, and the public pages' branding asked for again. */
export function keepOrganisation(queryClient: QueryClient, settings: OrganisationSettings) {
  queryClient.setQueryData(organisationQueryKey, settings)
  return queryClient.invalidateQueries({ queryKey: brandingQueryKey })
}

export function useUpdateOrganisation() {
  const queryClient = useQueryClient()
  return useMutation({ mutationFn: updateOrganisation, onSuccess: (settings) => keepOrganisation(queryClient, settings) })
}
