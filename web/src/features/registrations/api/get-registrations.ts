import type { RegistrationListQuery } from '@webinar/shared/registrations'
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query'
import { apiClient, dataOf, queryOf, type ApiAnswer } from '@/lib/api-client'

/** Every registration query of a webinar starts with this; changes to a registration invalidate all of them. */
export const webinarRegistrationsQueryKey = (webinarId: string) => ['registrations', webinarId] as const

/** One registration of one webinar, as the routes under /api/webinars/:id/registrations/:rid address it. */
export interface RegistrationRef {
  webinarId: string
  registrationId: string
}

/** The list answer (shared/src/registrations.ts RegistrationList, which has no exported type). */
export type RegistrationList = ApiAnswer<'/api/webinars/{id}/registrations', 'get'>

export function getRegistrations(
  webinarId: string,
  query: RegistrationListQuery,
  { signal }: { signal?: AbortSignal } = {},
): Promise<RegistrationList> {
  return dataOf(apiClient.GET('/api/webinars/{id}/registrations', { params: { path: { id: webinarId }, query: queryOf(query) }, signal }))
}

export function registrationsQueryOptions(webinarId: string, query: RegistrationListQuery) {
  return queryOptions({
    queryKey: [...webinarRegistrationsQueryKey(webinarId), 'list', query],
    queryFn: ({ signal }) => getRegistrations(webinarId, query, { signal }),
  })
}

export function useRegistrations(webinarId: string, query: RegistrationListQuery) {
  // Keep showing the previous page while the next page, filter or search answer loads, instead of flashing a spinner.
  return useQuery({ ...registrationsQueryOptions(webinarId, query), placeholderData: keepPreviousData })
}
