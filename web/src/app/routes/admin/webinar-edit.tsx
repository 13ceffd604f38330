import { useParams } from 'react-router'
import { Alert } from '@/components/ui/alert'
import { PageHeader } from '@/components/ui/page-header'
import { PageLoading } from '@/components/ui/spinner'
import { SeriesLink } from '@/features/series/components/series-link'
import { useWebinar } from '@/features/webinars/api/get-webinar'
import { BackLink } from '@/features/webinars/components/back-link'
import { EditWebinarForm } from '@/features/webinars/components/edit-webinar-form'
import { errorMessageOf } from '@/lib/api-error'

export function WebinarEditRoute() {
  const { webinarId = '' } = useParams()
  const webinar = useWebinar(webinarId)
  const isEditable = webinar.data?.status === 'scheduled' || webinar.data?.status === 'draft'

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <title>Edit webinar · Webinars</title>
      <BackLink to={`/admin/webinars/${webinarId}`}>Back to the webinar</BackLink>
      <PageHeader title="Edit webinar" description={webinar.data?.title} />
      {/* A session of a series: saving asks whether the changes are for it alone or for the following sessions too. */}
      {webinar.data ? <SeriesLink webinar={webinar.data} /> : null}
      {webinar.isPending ? (
        <PageLoading label="Loading the webinar…" />
      ) : webinar.isError ? (
        <Alert title="The webinar could not be loaded">{errorMessageOf(webinar.error)}</Alert>
      ) : !isEditable ? (
        <Alert tone="info" title="This webinar can no longer be changed">
          It is {webinar.data.status}. Only webinars that have not started yet can be edited.
        </Alert>
      ) : (
        // Keyed by the webinar, so the form starts from its saved values, not the ones of a page seen before.
        <EditWebinarForm key={webinar.data.id} webinar={webinar.data} />
      )}
    </div>
  )
}
