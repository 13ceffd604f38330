import type { WebinarListQuery } from '@webinar/shared/webinars'
import { CalendarPlus, SearchX } from 'lucide-react'
import { useCallback } from 'react'
import { Link, useSearchParams } from 'react-router'
import { Alert } from '@/components/ui/alert'
import { Button, buttonClasses } from '@/components/ui/button'
import { EmptyState } from '@/components/ui/empty-state'
import { PageHeader } from '@/components/ui/page-header'
import { PageLoading } from '@/components/ui/spinner'
import { Tabs, TabsContent, TabsList, TabsTrigger } from '@/components/ui/tabs'
import type { OverviewDays } from '@/features/reports/api/get-reports-overview'
import { ReportsOverviewPanel } from '@/features/reports/components/reports-overview-panel'
import { useWebinars } from '@/features/webinars/api/get-webinars'
import { SearchField } from '@/components/ui/search-field'
import { WebinarsEmptyState } from '@/features/webinars/components/webinars-empty-state'
import { WebinarsList } from '@/features/webinars/components/webinars-list'
import { Pagination } from '@/components/ui/pagination'
import { errorMessageOf } from '@/lib/api-error'
import { cn } from '@/lib/cn'

type When = NonNullable<WebinarListQuery['when']>
const pageSize = 20
const whenLabels: Record<When, string> = { upcoming: 'Upcoming', past: 'Past' }

function scheduleLink(className?: string) {
  return (
    <Link to="/admin/webinars/new" className={cn(buttonClasses(), className)}>
      <CalendarPlus className="size-4" aria-hidden />
      Schedule a webinar
    </Link>
  )
}

function NothingFound({ when, search, onClearSearch }: { when: When; search: string; onClearSearch: () => void }) {
  if (search) {
    return (
      <EmptyState
        variant="list"
        icon={SearchX}
        title={`No ${when} webinars match “${search}”`}
        action={
          <Button variant="secondary" size="sm" onClick={onClearSearch}>
            Clear search
          </Button>
        }
      >
        Check the spelling, or look in the other tab.
      </EmptyState>
    )
  }
  return (
    <EmptyState
      variant="list"
      icon={SearchX}
      title={when === 'upcoming' ? 'Nothing scheduled' : 'No past webinars yet'}
      action={when === 'upcoming' ? scheduleLink() : null}
    >
      {when === 'upcoming' ? 'Webinars you schedule appear here until they end.' : 'Webinars move here once they have ended or were cancelled.'}
    </EmptyState>
  )
}

export function WebinarsRoute() {
  // The tab, the search and the page live in the address: reload, back and shared links keep them.
  const [searchParams, setSearchParams] = useSearchParams()
  const when: When = searchParams.get('when') === 'past' ? 'past' : 'upcoming'
  const search = searchParams.get('q') ?? ''
  const offset = Math.max(0, Math.floor(Number(searchParams.get('offset'))) || 0)
  // The overview's period lives in the address too; 30 days unless it says 90.
  const overviewDays: OverviewDays = searchParams.get('days') === '90' ? 90 : 30
  const changeOverviewDays = useCallback(
    (days: OverviewDays) =>
      setSearchParams(
        (current) => {
          const next = new URLSearchParams(current)
          if (days === 90) next.set('days', '90')
          else next.delete('days')
          return next
        },
        { replace: true },
      ),
    [setSearchParams],
  )

  const webinars = useWebinars({ when, q: search || undefined, limit: pageSize, offset })
  // An empty tab means "none yet" only when the other tab is empty too: ask for one webinar of any kind.
  const isTabEmpty = webinars.data?.total === 0 && !webinars.isPlaceholderData && !search
  const anyWebinar = useWebinars({ limit: 1 }, { enabled: isTabEmpty })
  const hasNoWebinarsAtAll = isTabEmpty && anyWebinar.data?.total === 0

  const changeParams = useCallback(
    (changes: { when?: When; q?: string; offset?: number }, options: { replace?: boolean } = {}) =>
      setSearchParams(
        (current) => {
          const next = new URLSearchParams(current)
          if (changes.when !== undefined) next.set('when', changes.when)
          if (changes.q !== undefined) {
            if (changes.q) next.set('q', changes.q)
            else next.delete('q')
          }
          // A new tab or search starts on its first page.
          if (changes.offset) next.set('offset', String(changes.offset))
          else next.delete('offset')
          if (next.get('when') === 'upcoming') next.delete('when')
          return next
        },
        { replace: options.replace ?? false },
      ),
    [setSearchParams],
  )
  const changeSearch = useCallback((q: string) => changeParams({ q }, { replace: true }), [changeParams])

  return (
    <div className="space-y-8">
      <title>Webinars</title>
      <PageHeader
        title="Webinars"
        description="Schedule webinars, take registrations and go live."
        actions={hasNoWebinarsAtAll ? null : scheduleLink('w-full sm:w-auto')}
      />
      {webinars.isPending || (isTabEmpty && anyWebinar.isPending) ? (
        <PageLoading label="Loading webinars…" />
      ) : webinars.isError ? (
        <Alert title="The webinars could not be loaded">{errorMessageOf(webinars.error)}</Alert>
      ) : hasNoWebinarsAtAll ? (
        <WebinarsEmptyState />
      ) : (
        <>
          {/* The summary first: what the webinars below have achieved lately. */}
          <ReportsOverviewPanel days={overviewDays} onDaysChange={changeOverviewDays} />
          <Tabs value={when} onValueChange={(value) => changeParams({ when: value as When })} className="space-y-5">
            <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
              <TabsList aria-label="Which webinars" className="self-start">
                {(['upcoming', 'past'] as const).map((value) => (
                  <TabsTrigger key={value} value={value}>
                    {whenLabels[value]}
                  </TabsTrigger>
                ))}
              </TabsList>
              <SearchField label="Search webinars by title" placeholder="Search by title" value={search} onChange={changeSearch} />
            </div>
            <TabsContent value={when} className="space-y-5 focus-visible:outline-none">
              {webinars.data.items.length === 0 ? (
                <NothingFound when={when} search={search} onClearSearch={() => changeSearch('')} />
              ) : (
                <div className={cn('transition-opacity', webinars.isPlaceholderData && 'opacity-60')} aria-busy={webinars.isPlaceholderData || undefined}>
                  <WebinarsList webinars={webinars.data.items} label={`${whenLabels[when]} webinars`} />
                </div>
              )}
              <Pagination
                offset={webinars.data.offset}
                limit={webinars.data.limit}
                total={webinars.data.total}
                onOffsetChange={(next) => changeParams({ offset: next })}
              />
            </TabsContent>
          </Tabs>
        </>
      )}
    </div>
  )
}
