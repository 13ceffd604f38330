import type { RegistrationStatus } from '@webinar/shared/registrations'
import { useCallback } from 'react'
import { useSearchParams } from 'react-router'
import { registrationStatusLabels } from '../utils/registration-labels'

export interface RegistrationFilters {
  status: RegistrationStatus | undefined
  search: string
  offset: number
}

/** The names the filters use in the address, so the page can drop them when another tab opens. */
export const registrationFilterParams = ['status', 'q', 'offset'] as const

function isStatus(value: string | null): value is RegistrationStatus {
  return value !== null && Object.hasOwn(registrationStatusLabels, value)
}

/**
 * The status filter, the search and the page live in the address (`status`, `q`, `offset`): reload, back
 * and shared links keep them, as on the list of webinars.
 */
export function useRegistrationFilters() {
  const [searchParams, setSearchParams] = useSearchParams()
  const statusParam = searchParams.get('status')
  const filters: RegistrationFilters = {
    status: isStatus(statusParam) ? statusParam : undefined,
    search: searchParams.get('q') ?? '',
    offset: Math.max(0, Math.floor(Number(searchParams.get('offset'))) || 0),
  }

  const changeFilters = useCallback(
    (changes: { status?: RegistrationStatus | null; search?: string; offset?: number }, options: { replace?: boolean } = {}) =>
      setSearchParams(
        (current) => {
          const next = new URLSearchParams(current)
          if (changes.status !== undefined) {
            if (changes.status) next.set('status', changes.status)
            else next.delete('status')
          }
          if (changes.search !== undefined) {
            if (changes.search) next.set('q', changes.search)
            else next.delete('q')
          }
          // A new filter or search starts on its first page.
          if (changes.offset) next.set('offset', String(changes.offset))
          else next.delete('offset')
          return next
        },
        { replace: options.replace ?? false },
      ),
    [setSearchParams],
  )

  return { filters, changeFilters }
}
