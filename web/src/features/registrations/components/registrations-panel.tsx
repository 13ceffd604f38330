import type { Registration, RegistrationStatus } from '@webinar/shared/registrations'
import type { Webinar } from '@webinar/shared/webinars'
import { ChevronDown, Download, SearchX } from 'lucide-react'
import { useCallback, useState } from 'react'
import { Alert } from '@/components/ui/alert'
import { Button, buttonClasses } from '@/components/ui/button'
import { EmptyState } from '@/components/ui/empty-state'
import { PageLoading } from '@/components/ui/spinner'
import { inputClasses } from '@/components/ui/text-field'
import { errorMessageOf } from '@/lib/api-error'
import { cn } from '@/lib/cn'
import { registrationStatuses, useRegistrationCounts } from '../api/get-registration-counts'
import { useRegistrations } from '../api/get-registrations'
import { useRegistrationFilters, type RegistrationFilters } from '../hooks/use-registration-filters'
import { registrationStatusLabels } from '../utils/registration-labels'
import { AddRegistrantDialog } from './add-registrant-dialog'
import { RegistrationCounts } from './registration-counts'
import { RegistrationsEmptyState } from './registrations-empty-state'
import { Pagination } from '@/components/ui/pagination'
import { SearchField } from '@/components/ui/search-field'
import { RegistrationsTable } from './registrations-table'
import { RejectRegistrationDialog } from './reject-registration-dialog'

const pageSize = 25

function NothingFound({ filters, onClear }: { filters: RegistrationFilters; onClear: () => void }) {
  const what = filters.status ? `${registrationStatusLabels[filters.status].toLowerCase()} registrations` : 'registrations'
  return (
    <EmptyState
      variant="list"
      icon={SearchX}
      title={filters.search ? `No ${what} match “${filters.search}”` : `No ${what}`}
      action={
        <Button variant="secondary" size="sm" onClick={onClear}>
          Show all registrations
        </Button>
      }
    >
      {filters.search ? 'Check the spelling, or look in all statuses.' : 'Registrations in this state appear here.'}
    </EmptyState>
  )
}

/** The webinar's registrations: how many in each state, the list with its filters, and what can be done to each. */
export function RegistrationsPanel({ webinar }: { webinar: Webinar }) {
  const { filters, changeFilters } = useRegistrationFilters()
  const counts = useRegistrationCounts(webinar.id)
  const registrations = useRegistrations(webinar.id, {
    status: filters.status,
    q: filters.search || undefined,
    limit: pageSize,
    offset: filters.offset,
  })
  const [registrationToReject, setRegistrationToReject] = useState<Registration | null>(null)
  const changeSearch = useCallback((search: string) => changeFilters({ search }, { replace: true }), [changeFilters])

  if (counts.isPending || registrations.isPending) return <PageLoading label="Loading registrations…" />
  if (counts.isError || registrations.isError) {
    return <Alert title="The registrations could not be loaded">{errorMessageOf(counts.error ?? registrations.error)}</Alert>
  }
  if (counts.data.all === 0) return <RegistrationsEmptyState webinar={webinar} />

  const list = registrations.data
  return (
    <div className="space-y-5">
      <RegistrationCounts counts={counts.data} capacity={webinar.capacity} />

      <div className="flex flex-col gap-3 lg:flex-row lg:items-center lg:justify-between">
        <div className="flex flex-col gap-3 sm:flex-row">
          <div className="relative sm:w-52">
            <select
              aria-label="Filter by status"
              value={filters.status ?? ''}
              onChange={(event) => changeFilters({ status: (event.target.value || null) as RegistrationStatus | null })}
              className={cn(inputClasses, 'appearance-none pr-10')}
            >
              <option value="">All statuses ({counts.data.all.toLocaleString()})</option>
              {registrationStatuses.map((status) => (
                <option key={status} value={status}>
                  {registrationStatusLabels[status]} ({counts.data[status].toLocaleString()})
                </option>
              ))}
            </select>
            <ChevronDown className="pointer-events-none absolute top-1/2 right-3 size-4 -translate-y-1/2 text-slate-400" aria-hidden />
          </div>
          <SearchField label="Search registrations by name or e-mail" placeholder="Search name or e-mail" value={filters.search} onChange={changeSearch} className="sm:w-72" />
        </div>
        <div className="grid grid-cols-2 gap-3 sm:flex">
          {/* A plain link: the session cookie goes along, and the server names the file. */}
          <a href={`/api/webinars/${encodeURIComponent(webinar.id)}/registrations.csv`} download className={buttonClasses({ variant: 'secondary' })}>
            <Download className="size-4" aria-hidden />
            Export CSV
          </a>
          <AddRegistrantDialog webinar={webinar} />
        </div>
      </div>

      {list.items.length === 0 && list.total > 0 ? (
        // Rows left this page (rejected under a status filter, say) while earlier pages still have some.
        <EmptyState
          variant="list"
          title="Nothing left on this page"
          action={
            <Button variant="secondary" size="sm" onClick={() => changeFilters({ offset: 0 })}>
              Go to the first page
            </Button>
          }
        />
      ) : list.items.length === 0 ? (
        <NothingFound filters={filters} onClear={() => changeFilters({ status: null, search: '' })} />
      ) : (
        <div className={cn('transition-opacity', registrations.isPlaceholderData && 'opacity-60')} aria-busy={registrations.isPlaceholderData || undefined}>
          <RegistrationsTable
            registrations={list.items}
            formFields={webinar.registrationForm.fields}
            webinarStatus={webinar.status}
            onReject={setRegistrationToReject}
          />
        </div>
      )}
      <Pagination label="Pages of registrations" offset={list.offset} limit={list.limit} total={list.total} onOffsetChange={(offset) => changeFilters({ offset })} />
      <RejectRegistrationDialog registration={registrationToReject} onClose={() => setRegistrationToReject(null)} />
    </div>
  )
}
