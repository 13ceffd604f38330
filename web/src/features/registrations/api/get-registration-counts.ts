import type { RegistrationStatus } from '@webinar/shared/registrations'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { getRegistrations, webinarRegistrationsQueryKey } from './get-registrations'

export const registrationStatuses = ['approved', 'pending', 'waitlisted', 'cancelled', 'rejected'] as const satisfies readonly RegistrationStatus[]

export type RegistrationCounts = Record<RegistrationStatus, number> & { all: number }

/**
 * How many registrations the webinar has in each state. The API has no summary, so this asks the list for
 * one row per state and reads its total: five small requests, made together.
 */
export async function getRegistrationCounts(webinarId: string, { signal }: { signal?: AbortSignal } = {}): Promise<RegistrationCounts> {
  const totals = await Promise.all(
    registrationStatuses.map(async (status) => [status, (await getRegistrations(webinarId, { status, limit: 1 }, { signal })).total] as const),
  )
  const counts = Object.fromEntries(totals) as Record<RegistrationStatus, number>
  return { ...counts, all: totals.reduce((sum, [, total]) => sum + total, 0) }
}

export function registrationCountsQueryOptions(webinarId: string) {
  return queryOptions({
    queryKey: [...webinarRegistrationsQueryKey(webinarId), 'counts'],
    queryFn: ({ signal }) => getRegistrationCounts(webinarId, { signal }),
  })
}

export function useRegistrationCounts(webinarId: string) {
  return useQuery(registrationCountsQueryOptions(webinarId))
}
