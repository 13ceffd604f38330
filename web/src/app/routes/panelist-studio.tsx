import type { StageView } from '@webinar/shared/stage'
import { formatDateTime } from '@webinar/shared/time-format'
import { Ban, CircleStop } from 'lucide-react'
import { useCallback } from 'react'
import { useParams } from 'react-router'
import { PublicLayout } from '@/components/layouts/public-layout'
import { Alert } from '@/components/ui/alert'
import { LiveBadge } from '@/components/ui/live-badge'
import { PageLoading } from '@/components/ui/spinner'
import { RoomNotice } from '@/features/room/components/room-notice'
import { useStageView } from '@/features/stage/api/get-stage-view'
import { isDeadStudioLink, StudioLinkInvalid } from '@/features/stage/components/studio-link-invalid'
import { getPanelistStreamCredentials, usePanelistStreamCredentials } from '@/features/video/api/get-panelist-stream-credentials'
import { StageMessage } from '@/features/video/components/stage-message'
import { StudioVideo } from '@/features/video/components/studio-video'
import { errorMessageOf } from '@/lib/api-error'

function PanelistHeader({ view, isLive }: { view: StageView; isLive: boolean }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3 sm:px-6">
        {/* On a phone the status takes a line of its own, and the title may wrap rather than lose its end. */}
        <div className="min-w-0 flex-1 basis-64">
          <p className="text-xs font-medium tracking-wide text-slate-500 uppercase">Panelist studio · {view.speaker.name}</p>
          <h1 className="text-lg font-semibold text-slate-900 sm:truncate">{view.webinar.title}</h1>
        </div>
        {isLive ? (
          <span className="inline-flex items-center gap-2 text-sm font-semibold text-slate-900">
            <LiveBadge /> You’re live
          </span>
        ) : (
          <span className="rounded-full bg-slate-900 px-3 py-1 text-sm font-medium text-white">You’re backstage</span>
        )}
      </div>
    </header>
  )
}

/** What the panelist is told about where they are: backstage (and when it starts) or live. */
function WhereYouAre({ view, isLive }: { view: StageView; isLive: boolean }) {
  const { webinar } = view
  return (
    <p className="text-sm leading-6 text-slate-600">
      {isLive ? (
        <>Everyone in the webinar sees and hears you. {webinar.hostName} ends the webinar when it is over.</>
      ) : (
        <>
          Only the host and the other speakers see you until {webinar.hostName} starts the webinar, scheduled for{' '}
          <strong className="font-medium text-slate-900">{formatDateTime(webinar.startTime, webinar.timezone, { hasWeekday: true })}</strong>. This page goes live by
          itself.
        </>
      )}
    </p>
  )
}

function PanelistStage({ token, view }: { token: string; view: StageView }) {
  const credentials = usePanelistStreamCredentials(token, { isEnabled: true })
  const tokenProvider = useCallback(async () => (await getPanelistStreamCredentials(token)).token, [token])
  const isLive = view.webinar.status === 'live'
  if (credentials.isError && isDeadStudioLink(credentials.error)) {
    return (
      <PublicLayout width="narrow">
        <StudioLinkInvalid error={credentials.error} onRetry={() => void credentials.refetch()} />
      </PublicLayout>
    )
  }
  return (
    <div className="flex min-h-dvh flex-col bg-slate-100 lg:h-dvh">
      <title>{`${view.webinar.title} · Panelist studio`}</title>
      <PanelistHeader view={view} isLive={isLive} />
      <main className="mx-auto flex min-h-0 w-full max-w-6xl flex-1 flex-col gap-4 p-4 sm:p-6">
        <WhereYouAre view={view} isLive={isLive} />
        <section aria-label="Video" className="min-h-0 flex-1">
          {credentials.isPending ? (
            <StageMessage>Preparing your studio…</StageMessage>
          ) : credentials.isError ? (
            <Alert title="The video cannot start">{errorMessageOf(credentials.error)}</Alert>
          ) : (
            <StudioVideo credentials={credentials.data} tokenProvider={tokenProvider} selfRole="speaker" isLive={isLive} isCaptioning={false} />
          )}
        </section>
      </main>
    </div>
  )
}

function PanelistStudio({ token }: { token: string }) {
  const view = useStageView(token)
  // A removed panelist's link stops working while the page is open: the next reading says so.
  if (view.isError && (isDeadStudioLink(view.error) || !view.data)) {
    return (
      <PublicLayout width="narrow">
        <title>Studio link not valid</title>
        <StudioLinkInvalid error={view.error} onRetry={() => void view.refetch()} />
      </PublicLayout>
    )
  }
  if (view.isPending) return <PageLoading label="Opening your studio…" />
  const { webinar } = view.data
  if (webinar.status === 'ended') {
    return (
      <RoomNotice icon={CircleStop} title="This webinar has ended">
        Thank you for speaking at <strong className="font-medium text-slate-900">{webinar.title}</strong>. Your studio link has no more use.
      </RoomNotice>
    )
  }
  if (webinar.status === 'cancelled') {
    return (
      <RoomNotice icon={Ban} title="This webinar was cancelled">
        <strong className="font-medium text-slate-900">{webinar.title}</strong> will not take place. {webinar.hostName} may have sent you details by e-mail.
      </RoomNotice>
    )
  }
  return <PanelistStage token={token} view={view.data} />
}

/** A guest panelist's studio behind their personal link: backstage before the start, on stage while live. No account. */
export function PanelistStudioRoute() {
  const { token = '' } = useParams()
  return <PanelistStudio key={token} token={token} />
}

