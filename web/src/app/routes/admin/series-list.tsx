import { CalendarPlus, Repeat } from 'lucide-react'
import { Link, useSearchParams } from 'react-router'
import { Alert } from '@/components/ui/alert'
import { buttonClasses } from '@/components/ui/button'
import { EmptyState } from '@/components/ui/empty-state'
import { PageHeader } from '@/components/ui/page-header'
import { Pagination } from '@/components/ui/pagination'
import { PageLoading } from '@/components/ui/spinner'
import { useSeriesList } from '@/features/series/api/get-series-list'
import { SeriesList } from '@/features/series/components/series-list'
import { errorMessageOf } from '@/lib/api-error'
import { cn } from '@/lib/cn'

const pageSize = 20

function newSeriesLink(className?: string) {
  return (
    <Link to="/admin/series/new" className={cn(buttonClasses(), className)}>
      <CalendarPlus className="size-4" aria-hidden />
      New series
    </Link>
  )
}

/** `/admin/series`: recurring series, newest first (hosts see their own). */
export function SeriesListRoute() {
  // The page lives in the address: reload and back keep it.
  const [searchParams, setSearchParams] = useSearchParams()
  const offset = Math.max(0, Math.floor(Number(searchParams.get('offset'))) || 0)
  const series = useSeriesList({ limit: pageSize, offset })
  const isEmpty = series.data?.total === 0

  return (
    <div className="space-y-8">
      <title>Series</title>
      <PageHeader
        title="Series"
        description="Recurring webinars: one registration page, a session every week or month."
        actions={isEmpty ? null : newSeriesLink('w-full sm:w-auto')}
      />
      {series.isPending ? (
        <PageLoading label="Loading the series…" />
      ) : series.isError ? (
        <Alert title="The series could not be loaded">{errorMessageOf(series.error)}</Alert>
      ) : isEmpty ? (
        <EmptyState icon={Repeat} title="No series yet" action={newSeriesLink()}>
          A series schedules the same webinar every week or month, at the same time of day on its own clocks. People register once for
          every session, or pick one.
        </EmptyState>
      ) : (
        <div className="space-y-5">
          <div className={cn('transition-opacity', series.isPlaceholderData && 'opacity-60')} aria-busy={series.isPlaceholderData || undefined}>
            <SeriesList series={series.data.items} />
          </div>
          <Pagination
            offset={series.data.offset}
            limit={series.data.limit}
            total={series.data.total}
            onOffsetChange={(next) => setSearchParams(next > 0 ? { offset: String(next) } : {})}
          />
        </div>
      )}
    </div>
  )
}
