import { staffAdminRoles } from '@webinar/shared/users'
import { lazy, Suspense } from 'react'
import { useParams, useSearchParams } from 'react-router'
import { Alert } from '@/components/ui/alert'
import { PageLoading } from '@/components/ui/spinner'
import { Tabs, TabsContent, TabsList, TabsTrigger } from '@/components/ui/tabs'
import { useCurrentUser } from '@/features/auth/hooks/use-current-user'
import { RegistrationsPanel } from '@/features/registrations/components/registrations-panel'
import { registrationFilterParams } from '@/features/registrations/hooks/use-registration-filters'
import { ModerationCard } from '@/features/moderation/components/moderation-card'
import { WebinarSpeakers } from '@/features/stage/components/webinar-speakers'
import { useWebinar } from '@/features/webinars/api/get-webinar'
import { BackLink } from '@/features/webinars/components/back-link'
import { DeleteWebinarSection } from '@/features/webinars/components/delete-webinar-section'
import { WebinarMail } from '@/features/webinars/components/webinar-mail'
import { WebinarOverview } from '@/features/webinars/components/webinar-overview'
import { WebinarPageHeader } from '@/features/webinars/components/webinar-page-header'
import { errorMessageOf, isApiError } from '@/lib/api-error'

type Tab = 'overview' | 'registrations' | 'mail' | 'report'
const tabLabels: Record<Tab, string> = { overview: 'Overview', registrations: 'Registrations', mail: 'Mail', report: 'Report' }
const tabs = Object.keys(tabLabels) as Tab[]
const isTab = (value: string | null): value is Tab => tabs.includes(value as Tab)
// The report brings the chart library with it: loaded when its tab is first opened, not with the page.
const WebinarReport = lazy(async () => ({ default: (await import('@/features/reports/components/webinar-report')).WebinarReport }))

export function WebinarRoute() {
  const { webinarId = '' } = useParams()
  const webinar = useWebinar(webinarId)
  const user = useCurrentUser()
  // Hosts run webinars; deleting one is for owners and admins (the server refuses hosts too), as is the Mailbox.
  const isAdmin = staffAdminRoles.includes(user.role)
  const canDelete = isAdmin
  // The open tab lives in the address (`tab`), so reload, back and shared links land on it.
  const [searchParams, setSearchParams] = useSearchParams()
  const requestedTab = searchParams.get('tab')
  const tab: Tab = isTab(requestedTab) ? requestedTab : 'overview'
  const changeTab = (next: string) =>
    setSearchParams((current) => {
      const params = new URLSearchParams(current)
      if (next === 'overview') params.delete('tab')
      else params.set('tab', next)
      // The registrations' filters mean nothing on the other tabs.
      if (next !== 'registrations') for (const name of registrationFilterParams) params.delete(name)
      return params
    })

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
          <title>{`${tab === 'overview' ? '' : `${tabLabels[tab]} · `}${webinar.data.title} · Webinars`}</title>
          {/* Its host and admins change it; a co-host sees it to run it (studio, start, end). */}
          <WebinarPageHeader webinar={webinar.data} canManage={isAdmin || webinar.data.host.id === user.id} />
          <Tabs value={tab} onValueChange={changeTab} className="space-y-6">
            <TabsList aria-label="Webinar sections" className="flex w-full sm:inline-flex sm:w-auto">
              {tabs.map((value) => (
                <TabsTrigger key={value} value={value} className="flex-1 sm:flex-none">
                  {tabLabels[value]}
                </TabsTrigger>
              ))}
            </TabsList>
            <TabsContent value="overview" className="space-y-6 focus-visible:outline-none">
              <WebinarOverview webinar={webinar.data} />
              <WebinarSpeakers webinar={webinar.data} />
              <ModerationCard webinar={webinar.data} />
              {canDelete ? <DeleteWebinarSection webinar={webinar.data} /> : null}
            </TabsContent>
            <TabsContent value="registrations" className="focus-visible:outline-none">
              <RegistrationsPanel webinar={webinar.data} />
            </TabsContent>
            <TabsContent value="mail" className="focus-visible:outline-none">
              <WebinarMail webinar={webinar.data} canOpenMail={isAdmin} />
            </TabsContent>
            <TabsContent value="report" className="focus-visible:outline-none">
              <Suspense fallback={<PageLoading label="Loading the report…" />}>
                <WebinarReport webinar={webinar.data} />
              </Suspense>
            </TabsContent>
          </Tabs>
        </>
      )}
    </div>
  )
}
