import type { RegistrationReceipt } from '@webinar/shared/registrations'
import { useState } from 'react'
import { useParams } from 'react-router'
import { PublicLayout } from '@/components/layouts/public-layout'
import { PageLoading } from '@/components/ui/spinner'
import { usePublicWebinar } from '@/features/registration/api/get-public-webinar'
import { PublicWebinarDetails } from '@/features/registration/components/public-webinar-details'
import { RegistrationCard } from '@/features/registration/components/registration-card'
import { RegistrationClosed } from '@/features/registration/components/registration-closed'
import { RegistrationSuccess } from '@/features/registration/components/registration-success'
import { WebinarAbout } from '@/features/registration/components/webinar-about'
import { WebinarUnavailable } from '@/features/registration/components/webinar-unavailable'

/** `/w/:slug`: the public page of a webinar and its registration form. No account, no staff code. */
export function WebinarRegistrationRoute() {
  const { slug = '' } = useParams()
  const webinar = usePublicWebinar(slug)
  const [receipt, setReceipt] = useState<RegistrationReceipt | null>(null)

  if (webinar.isPending) {
    return (
      <PublicLayout>
        <PageLoading label="Loading the webinar…" />
      </PublicLayout>
    )
  }
  if (webinar.isError) {
    return (
      <PublicLayout>
        <title>Webinar not available</title>
        <WebinarUnavailable error={webinar.error} onRetry={() => void webinar.refetch()} />
      </PublicLayout>
    )
  }

  const data = webinar.data
  return (
    <PublicLayout>
      <title>{receipt ? `Registered · ${data.title}` : data.title}</title>
      {/* Phones read top to bottom: what and when, then the form, then the long description. */}
      <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_minmax(0,26rem)] lg:grid-rows-[auto_1fr] lg:gap-x-14">
        <PublicWebinarDetails webinar={data} />
        <div className="lg:col-start-2 lg:row-span-2 lg:row-start-1">
          <div className="lg:sticky lg:top-8">
            {receipt ? (
              <RegistrationSuccess receipt={receipt} webinar={data} />
            ) : data.registration.isOpen ? (
              <RegistrationCard slug={slug} webinar={data} onRegistered={setReceipt} />
            ) : (
              <RegistrationClosed reason={data.registration.closedReason} />
            )}
          </div>
        </div>
        <WebinarAbout description={data.description} />
      </div>
    </PublicLayout>
  )
}
