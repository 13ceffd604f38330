import { CalendarX2 } from 'lucide-react'
import { useState } from 'react'
import { useParams } from 'react-router'
import { PublicLayout } from '@/components/layouts/public-layout'
import { EmptyState } from '@/components/ui/empty-state'
import { PageLoading } from '@/components/ui/spinner'
import { RegistrationSuccess } from '@/features/registration/components/registration-success'
import { WebinarAbout } from '@/features/registration/components/webinar-about'
import { WebinarUnavailable } from '@/features/registration/components/webinar-unavailable'
import { usePublicSeries } from '@/features/series/api/get-public-series'
import { PublicSeriesDetails } from '@/features/series/components/public-series-details'
import { SeriesRegistrationCard, type SeriesRegistrationOutcome } from '@/features/series/components/series-registration-card'
import { SeriesRegistrationSuccess } from '@/features/series/components/series-registration-success'
import { SeriesSessions } from '@/features/series/components/series-sessions'

/** `/s/:slug`: a series' public page: its sessions, and registering for all of them or one. No account, no staff code. */
export function SeriesRegistrationRoute() {
  const { slug = '' } = useParams()
  const series = usePublicSeries(slug)
  const [outcome, setOutcome] = useState<SeriesRegistrationOutcome | null>(null)

  if (series.isPending) {
    return (
      <PublicLayout>
        <PageLoading label="Loading the series…" />
      </PublicLayout>
    )
  }
  if (series.isError) {
    return (
      <PublicLayout>
        <title>Series not available</title>
        <WebinarUnavailable error={series.error} onRetry={() => void series.refetch()} />
      </PublicLayout>
    )
  }

  const data = series.data
  const isAnyOpen = data.occurrences.some((occurrence) => occurrence.isOpen)
  return (
    <PublicLayout>
      <title>{outcome ? `Registered · ${data.title}` : data.title}</title>
      {/* Phones read top to bottom: what, then the form, then the sessions and the long description. */}
      <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_minmax(0,26rem)] lg:grid-rows-[auto_auto_1fr] lg:gap-x-14">
        <PublicSeriesDetails series={data} />
        <div className="lg:col-start-2 lg:row-span-3 lg:row-start-1">
          <div className="lg:sticky lg:top-8">
            {outcome?.kind === 'all' ? (
              <SeriesRegistrationSuccess receipt={outcome.receipt} />
            ) : outcome?.kind === 'one' ? (
              <RegistrationSuccess receipt={outcome.receipt} webinar={outcome.webinar} />
            ) : isAnyOpen ? (
              <SeriesRegistrationCard slug={slug} series={data} onRegistered={setOutcome} />
            ) : (
              <EmptyState icon={CalendarX2} title="No sessions to register for">
                Every session of this series has taken place, closed its registration or was called off. If you registered, the links in your
                e-mail still work for the sessions that take place.
              </EmptyState>
            )}
          </div>
        </div>
        {data.occurrences.length > 0 ? <SeriesSessions series={data} /> : null}
        <WebinarAbout description={data.description} />
      </div>
    </PublicLayout>
  )
}
