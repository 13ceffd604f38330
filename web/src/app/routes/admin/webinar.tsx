import { useParams } from 'react-router'
import { Alert } from '@/components/ui/alert'
import { PageLoading } from '@/components/ui/spinner'
import { useWebinar } from '@/features/webinars/api/get-webinar'
import { BackLink } from '@/features/webinars/components/back-link'
import { WebinarOverview } from '@/features/webinars/components/webinar-overview'
import { WebinarPageHeader } from '@/features/webinars/components/webinar-page-header'
import { errorMessageOf, isApiError } from '@/lib/api-client'

export function WebinarRoute() {
  const { webinarId = '' } = useParams()
  const webinar = useWebinar(webinarId)

  return (
    <div className="space-y-6">
      <BackLink />
      {webinar.isPending ? (
        <PageLoading label="Loading the webinar…" />
      ) : webinar.isError ? (
        <>
          <title>Webinar not available · Webinars</title>
          <Alert title={isApiError(webinar.error, 404) || isApiError(webinar.error, 400) ? 'This webinar does not exist' : 'The webinar could not be loaded'}>
            {isApiError(webinar.error, 400)
              ? 'The address is not one of a webinar. Pick it from the list of webinars.'
              : errorMessageOf(webinar.error)}
          </Alert>
        </>
      ) : (
        <>
          <title>{`${webinar.data.title} · Webinars`}</title>
          <WebinarPageHeader webinar={webinar.data} />
          <WebinarOverview webinar={webinar.data} />
        </>
      )}
    </div>
  )
}
