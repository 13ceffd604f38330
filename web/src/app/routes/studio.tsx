import { useQueryClient } from '@tanstack/react-query'
import type { WebinarStatus } from '@webinar/shared/webinars'
import { CircleStop } from 'lucide-react'
import { useCallback, useMemo, useState } from 'react'
import { Link, useParams } from 'react-router'
import { Alert } from '@/components/ui/alert'
import { buttonClasses } from '@/components/ui/button'
import { EmptyState } from '@/components/ui/empty-state'
import { PageLoading } from '@/components/ui/spinner'
import { RequireSignedIn } from '@/features/auth/components/require-signed-in'
import { RoomSidePanel } from '@/features/room/components/room-side-panel'
import { useRoomEvents } from '@/features/room/hooks/use-room-events'
import type { RoomAuth } from '@/features/room/utils/room-auth'
import { stageQueryKey, useStage } from '@/features/stage/api/get-stage'
import { StagePanel, type StageParticipant } from '@/features/stage/components/stage-panel'
import { speakerKindLabels } from '@/features/stage/utils/speaker-labels'
import { StudioTopBar } from '@/features/studio/components/studio-top-bar'
import { getHostStreamCredentials, useHostStreamCredentials } from '@/features/video/api/get-host-stream-credentials'
import { StageMessage } from '@/features/video/components/stage-message'
import { StudioVideo } from '@/features/video/components/studio-video'
import { webinarQueryKey, useWebinar } from '@/features/webinars/api/get-webinar'
import { errorMessageOf } from '@/lib/api-error'

const hostAuth: RoomAuth = { kind: 'host' }

function StudioVideoArea({
  webinarId,
  status,
  isCaptioning,
  names,
  labels,
  onViewerCountChange,
  onStageParticipantsChange,
}: {
  webinarId: string
  status: WebinarStatus
  isCaptioning: boolean
  names: Readonly<Record<string, string>>
  labels: Readonly<Record<string, string>>
  onViewerCountChange: (count: number) => void
  onStageParticipantsChange: (participants: StageParticipant[] | null) => void
}) {
  const credentials = useHostStreamCredentials(webinarId)
  const tokenProvider = useCallback(async () => (await getHostStreamCredentials(webinarId)).token, [webinarId])
  if (status === 'ended' || status === 'cancelled') {
    return (
      <div className="flex h-full min-h-64 flex-col items-center justify-center gap-3 rounded-2xl bg-slate-900 px-6 text-center">
        <CircleStop className="size-8 text-slate-400" aria-hidden />
        <p className="text-base font-semibold text-white">{status === 'ended' ? 'This webinar has ended' : 'This webinar was cancelled'}</p>
        <Link to={`/admin/webinars/${webinarId}`} className={buttonClasses({ variant: 'secondary', size: 'sm' })}>
          Back to the webinar’s page
        </Link>
      </div>
    )
  }
  if (credentials.isPending) return <StageMessage>Preparing the studio…</StageMessage>
  if (credentials.isError) return <Alert title="The video cannot start">{errorMessageOf(credentials.error)}</Alert>
  return (
    <StudioVideo
      credentials={credentials.data}
      tokenProvider={tokenProvider}
      selfRole="host"
      isLive={status === 'live'}
      isCaptioning={isCaptioning}
      names={names}
      labels={labels}
      onViewerCountChange={onViewerCountChange}
      onStageParticipantsChange={onStageParticipantsChange}
    />
  )
}

function Studio({ webinarId }: { webinarId: string }) {
  const queryClient = useQueryClient()
  const webinar = useWebinar(webinarId)
  const [viewerCount, setViewerCount] = useState<number | null>(null)
  const [stageParticipants, setStageParticipants] = useState<StageParticipant[] | null>(null)
  // Status and captions can change from elsewhere (the webinar's page, another host): read the webinar again.
  const refreshWebinar = useCallback(() => void queryClient.invalidateQueries({ queryKey: webinarQueryKey(webinarId) }), [queryClient, webinarId])
  const refreshStage = useCallback(() => void queryClient.invalidateQueries({ queryKey: stageQueryKey(webinarId) }), [queryClient, webinarId])
  const { roomState, connection } = useRoomEvents(webinarId, hostAuth, { onWebinarStatus: refreshWebinar, onCaptions: refreshWebinar, onStageChanged: refreshStage })
  // The call knows a co-host only as a host, and may know no name for an attendee: the stage says who is who.
  const stage = useStage(webinarId).data
  const labels = useMemo(() => Object.fromEntries((stage?.speakers ?? []).map((speaker) => [speaker.streamUserId, speakerKindLabels[speaker.kind]])), [stage])
  const names = useMemo(() => Object.fromEntries([...(stage?.speakers ?? []), ...(stage?.requests ?? [])].map((person) => [person.streamUserId, person.name])), [stage])

  if (webinar.isPending) return <PageLoading label="Opening the studio…" />
  if (webinar.isError) {
    return (
      <div className="mx-auto max-w-lg px-4 py-16">
        <EmptyState
          icon={CircleStop}
          title="The studio cannot open"
          action={
            <Link to="/admin/webinars" className={buttonClasses({ variant: 'secondary' })}>
              Back to webinars
            </Link>
          }
        >
          {errorMessageOf(webinar.error)}
        </EmptyState>
      </div>
    )
  }

  return (
    <div className="flex min-h-dvh flex-col bg-slate-100 lg:h-dvh">
      <StudioTopBar webinar={webinar.data} viewerCount={viewerCount} />
      <main className="grid min-h-0 flex-1 gap-4 p-4 sm:p-6 lg:grid-cols-[minmax(0,1fr)_400px]">
        <section aria-label="Video" className="min-h-0">
          <StudioVideoArea
            webinarId={webinarId}
            status={webinar.data.status}
            isCaptioning={webinar.data.isCaptioning}
            names={names}
            labels={labels}
            onViewerCountChange={setViewerCount}
            onStageParticipantsChange={setStageParticipants}
          />
        </section>
        <div className="flex min-h-0 flex-col gap-4">
          {webinar.data.status === 'live' || webinar.data.status === 'scheduled' || webinar.data.status === 'draft' ? (
            // Hands and speakers first, where the moderator looks; never more than part of the column, the chat keeps its place.
            <StagePanel webinar={webinar.data} participants={stageParticipants} className="max-h-[50dvh] shrink-0 lg:max-h-[50%]" />
          ) : null}
          <aside aria-label="Chat, questions and polls" className="h-[70dvh] min-h-0 lg:h-auto lg:flex-1">
          {roomState.isSuccess ? (
            <RoomSidePanel webinarId={webinarId} auth={hostAuth} state={roomState.data} connection={connection} />
          ) : roomState.isError ? (
            <Alert title="The room did not load">{errorMessageOf(roomState.error)}</Alert>
          ) : (
            <PageLoading label="Loading the room…" />
          )}
          </aside>
        </div>
      </main>
    </div>
  )
}

/** The host's full-screen studio: backstage, go live, run the room. Outside the admin shell on purpose. */
export function StudioRoute() {
  const { webinarId = '' } = useParams()
  return (
    <RequireSignedIn>
      <Studio key={webinarId} webinarId={webinarId} />
    </RequireSignedIn>
  )
}
