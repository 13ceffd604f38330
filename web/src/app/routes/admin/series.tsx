import { formatDuration } from '@webinar/shared/time-format'
import { staffAdminRoles } from '@webinar/shared/users'
import { Ban } from 'lucide-react'
import { useState } from 'react'
import { useParams } from 'react-router'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { PageLoading } from '@/components/ui/spinner'
import { useCurrentUser } from '@/features/auth/hooks/use-current-user'
import { useSeries } from '@/features/series/api/get-series'
import { CancelSeriesDialog } from '@/features/series/components/cancel-series-dialog'
import { SeriesHeader } from '@/features/series/components/series-header'
import { SeriesOccurrences } from '@/features/series/components/series-occurrences'
import { SeriesPublicLink } from '@/features/series/components/series-public-link'
import { BackLink } from '@/features/webinars/components/back-link'
import { errorMessageOf, isApiError } from '@/lib/api-error'

/** `/admin/series/:seriesId`: the rule, the public page, every session with its own clock offset, cancelling. */
export function SeriesRoute() {
  const { seriesId = '' } = useParams()
  const series = useSeries(seriesId)
  const user = useCurrentUser()
  const [isCancelOpen, setIsCancelOpen] = useState(false)

  return (
    <div className="space-y-6">
      <BackLink to="/admin/series">All series</BackLink>
      {series.isPending ? (
        <PageLoading label="Loading the series…" />
      ) : series.isError ? (
        <>
          <title>Series not available · Series</title>
          <Alert title={isApiError(series.error, 404) || isApiError(series.error, 400) ? 'This series does not exist' : 'The series could not be loaded'}>
            {isApiError(series.error, 400) ? 'The address is not one of a series. Pick it from the list of series.' : errorMessageOf(series.error)}
          </Alert>
        </>
      ) : (
        <>
          <title>{`${series.data.title} · Series`}</title>
          <SeriesHeader
            series={series.data}
            actions={
              // Its host and admins cancel it, as the server allows.
              series.data.status === 'active' && (staffAdminRoles.includes(user.role) || series.data.host.id === user.id) ? (
                <Button variant="danger-quiet" onClick={() => setIsCancelOpen(true)}>
                  <Ban className="size-4" aria-hidden />
                  Cancel series
                </Button>
              ) : null
            }
          />
          <p className="text-sm text-slate-600">
            Hosted by <span className="font-medium text-slate-900">{series.data.host.name}</span> · {formatDuration(series.data.durationMinutes)} each
          </p>
          <SeriesPublicLink series={series.data} />
          <SeriesOccurrences series={series.data} />
          <CancelSeriesDialog series={series.data} open={isCancelOpen} onOpenChange={setIsCancelOpen} />
        </>
      )}
    </div>
  )
}
