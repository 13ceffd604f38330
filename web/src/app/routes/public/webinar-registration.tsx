import type { RegistrationReceipt } from '@webinar/shared/registrations'
import { lazy, Suspense, useState } from 'react'
import { PublicLayout } from '@/components/layouts/public-layout'
import { PageLoading } from '@/components/ui/spinner'
import { usePublicWebinar } from '@/features/registration/api/get-public-webinar'
import { PublicWebinarDetails } from '@/features/registration/components/public-webinar-details'
import { RegistrationCard } from '@/features/registration/components/registration-card'
import { RegistrationClosed } from '@/features/registration/components/registration-closed'
import { WebinarAbout } from '@/features/registration/components/webinar-about'
import { WebinarUnavailable } from '@/features/registration/components/webinar-unavailable'

// What follows registering is loaded once the visitor starts filling the form in, not with the page (bench B6).
const loadRegistrationSuccess = () => import('@/features/registration/components/registration-success')
const RegistrationSuccess = lazy(async () => ({ default: (await loadRegistrationSuccess()).RegistrationSuccess }))

/** `/w/:slug` (public app): the public page of a webinar and its registration form. No account, no staff code. */
export function WebinarRegistrationRoute({ slug }: { slug: string }) {
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
              <Suspense fallback={null}>
                <RegistrationSuccess receipt={receipt} webinar={data} />
              </Suspense>
            ) : data.registration.isOpen ? (
              <div onFocus={() => void loadRegistrationSuccess()}>
                <RegistrationCard slug={slug} webinar={data} onRegistered={setReceipt} />
              </div>
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
