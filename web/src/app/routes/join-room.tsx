import type { JoinView } from '@webinar/shared/registrations'
import type { StreamCredentials } from '@webinar/shared/webinars'
import { useQueryClient } from '@tanstack/react-query'
import { Ban, RotateCw, UserRoundX } from 'lucide-react'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { useParams } from 'react-router'
import { PublicLayout } from '@/components/layouts/public-layout'
import { Button } from '@/components/ui/button'
import { PageLoading } from '@/components/ui/spinner'
import { joinViewQueryKey, useJoinViewQuery } from '@/features/join/api/join-view-query'
import { JoinLinkInvalid } from '@/features/join/components/join-link-invalid'
import { useFollowWebinarStatus } from '@/features/join/hooks/use-follow-webinar-status'
import { RoomCountdown } from '@/features/room/components/room-countdown'
import { RoomEnded } from '@/features/room/components/room-ended'
import { RoomNotice } from '@/features/room/components/room-notice'
import { RoomSidePanel } from '@/features/room/components/room-side-panel'
import { RoomWaitingStage } from '@/features/room/components/room-waiting-stage'
import { myStageRequestQueryKey, useMyStageRequest } from '@/features/stage/api/get-my-stage-request'
import { RaiseHand } from '@/features/stage/components/raise-hand'
import { useNow } from '@/hooks/use-now'
import { useRoomEvents } from '@/features/room/hooks/use-room-events'
import type { RoomAuth } from '@/features/room/utils/room-auth'
import { useAttendeeStreamCredentials } from '@/features/video/api/get-attendee-stream-credentials'
import { AttendeeVideo } from '@/features/video/components/attendee-video'
import type { AttendeeCallActions, AttendeeStagePresence } from '@/features/video/components/attendee-stage-types'
import type { MediaDeviceChoice } from '@/features/video/components/device-check-dialog'
import { errorMessageOf, isApiError } from '@/lib/api-error'
import type { WebinarStatus } from '@webinar/shared/webinars'
import { LiveBadge } from '@/components/ui/live-badge'

const notApprovedCopy: Record<string, { title: string; text: string }> = {
  pending: { title: 'Your registration is waiting for approval', text: 'The organiser reviews registrations for this webinar. You will get an e-mail with your link once you are approved.' },
  waitlisted: { title: 'You are on the waiting list', text: 'The webinar is full for now. If a seat frees up, you get it automatically and we e-mail you.' },
  rejected: { title: 'This registration was not approved', text: 'The organiser did not approve this registration, so it cannot enter the room.' },
  cancelled: { title: 'This registration was cancelled', text: 'You can register again from the webinar’s page if seats are still available.' },
}

function EndedNotice({ token, view }: { token: string; view: JoinView }) {
  return <RoomEnded token={token} view={view} />
}

function CancelledNotice({ view }: { view: JoinView }) {
  return (
    <RoomNotice icon={Ban} title="This webinar was cancelled">
      <strong className="font-medium text-slate-900">{view.webinar.title}</strong> will not take place. The organiser may have sent you details by e-mail.
    </RoomNotice>
  )
}

function NotApprovedNotice({ status }: { status: string }) {
  const copy = notApprovedCopy[status] ?? { title: 'This registration cannot enter the room', text: 'Contact the organiser if you think this is a mistake.' }
  return (
    <RoomNotice icon={UserRoundX} title={copy.title}>
      {copy.text}
    </RoomNotice>
  )
}

function RoomHeader({ view, isLive }: { view: JoinView; isLive: boolean }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-7xl items-center gap-3 px-4 py-3 sm:px-6">
        <div className="min-w-0 flex-1">
          <h1 className="truncate text-base font-semibold text-slate-900 sm:text-lg">{view.webinar.title}</h1>
          <p className="truncate text-sm text-slate-600">with {view.webinar.hostName}</p>
        </div>
        {isLive ? (
          <LiveBadge />
        ) : (
          <span className="rounded-full bg-slate-100 px-2.5 py-0.5 text-xs font-medium text-slate-700">Starting soon</span>
        )}
      </div>
    </header>
  )
}

const hlsPlaylistPollMs = 5000
const browserChosenDevices: MediaDeviceChoice = { cameraId: null, microphoneId: null }

/**
 * The attendee's place on the stage: their latest request to speak (read again whenever the room says the stage
 * changed) and whether they went on after the device check. Being on stage is both: accepted by the host, and joined
 * with the devices they chose; taken off (or a new request), the joining no longer counts.
 */
function useMyStage(token: string) {
  const [visitStartedAt] = useState(() => Date.now())
  const mine = useMyStageRequest(token)
  const [joined, setJoined] = useState<{ requestId: string; devices: MediaDeviceChoice } | null>(null)
  const request = mine.data?.request ?? null
  const isOnStage = request?.status === 'accepted' && joined?.requestId === request.id
  const devices = joined?.devices ?? browserChosenDevices
  const presence = useMemo<AttendeeStagePresence>(() => ({ isOnStage, devices }), [isOnStage, devices])
  const joinStage = useCallback((chosen: MediaDeviceChoice) => {
    if (request) setJoined({ requestId: request.id, devices: chosen })
  }, [request])
  return { mine: mine.data, presence, visitStartedAt, joinStage }
}

function Room({ token, view, credentials }: { token: string; view: JoinView; credentials: StreamCredentials }) {
  const webinarId = view.webinarId
  const auth = useMemo<RoomAuth>(() => ({ kind: 'attendee', joinToken: token }), [token])
  const queryClient = useQueryClient()
  // How this visit watches is decided once, when the room opens: a change of the webinar's setting meanwhile
  // never moves a viewer between the call and the broadcast mid-talk.
  const [viewerMode] = useState(view.viewing.mode)
  const hlsPlaylistUrl = view.viewing.hlsPlaylistUrl
  // The end brings when it actually ran, and going live the broadcast's address: read the registration's view again.
  const onWebinarStatus = useCallback(
    (status: WebinarStatus) => {
      if (status === 'ended' || status === 'cancelled' || (status === 'live' && viewerMode === 'hls')) {
        void queryClient.invalidateQueries({ queryKey: joinViewQueryKey(token) })
      }
    },
    [queryClient, token, viewerMode],
  )
  const onStageChanged = useCallback(() => void queryClient.invalidateQueries({ queryKey: myStageRequestQueryKey(token) }), [queryClient, token])
  const { roomState, connection, isRemoved } = useRoomEvents(webinarId, auth, { onWebinarStatus, onStageChanged })
  const { mine, presence, visitStartedAt, joinStage } = useMyStage(token)
  const renderStageControls = useCallback(
    ({ requestToSpeak }: AttendeeCallActions) =>
      mine ? (
        <RaiseHand joinToken={token} mine={mine} isOnStage={presence.isOnStage} visitStartedAt={visitStartedAt} onRaiseHand={requestToSpeak} onJoinStage={joinStage} />
      ) : null,
    [mine, token, presence.isOnStage, visitStartedAt, joinStage],
  )
  const isLive = roomState.data?.webinarStatus === 'live'
  // Stream names the broadcast a moment after going live (its webhook reaches our API): ask until it has. Local
  // mode plays no video, so it has nothing to wait for.
  const isWaitingForPlaylist = viewerMode === 'hls' && isLive && !hlsPlaylistUrl && !credentials.isLocalMode
  useEffect(() => {
    if (!isWaitingForPlaylist) return
    const timer = setInterval(() => void queryClient.invalidateQueries({ queryKey: joinViewQueryKey(token) }), hlsPlaylistPollMs)
    return () => clearInterval(timer)
  }, [isWaitingForPlaylist, queryClient, token])

  if (isRemoved) {
    return (
      <RoomNotice icon={UserRoundX} title="You were removed from this webinar">
        A moderator removed you from <strong className="font-medium text-slate-900">{view.webinar.title}</strong>. Your link no longer opens it.
      </RoomNotice>
    )
  }
  if (roomState.isPending) return <PageLoading label="Entering the room…" />
  if (roomState.isError) {
    return (
      <RoomNotice icon={RotateCw} title="The room did not load" action={<Button onClick={() => void roomState.refetch()}>Try again</Button>}>
        {errorMessageOf(roomState.error)}
      </RoomNotice>
    )
  }
  const status = roomState.data.webinarStatus
  if (status === 'ended') return <EndedNotice token={token} view={view} />
  if (status === 'cancelled') return <CancelledNotice view={view} />

  return (
    <div className="flex min-h-dvh flex-col bg-slate-100 lg:h-dvh">
      <title>{`${view.webinar.title} · Live room`}</title>
      <RoomHeader view={view} isLive={isLive} />
      <main className="mx-auto grid w-full max-w-7xl min-h-0 flex-1 gap-4 p-4 sm:p-6 lg:grid-cols-[minmax(0,1fr)_380px]">
        <section aria-label="Video" className="min-h-0">
          {isLive ? (
            <AttendeeVideo
              joinToken={token}
              credentials={credentials}
              viewerMode={viewerMode}
              hlsPlaylistUrl={hlsPlaylistUrl}
              isCaptioning={roomState.data.isCaptioning}
              stage={presence}
              renderStageControls={renderStageControls}
            />
          ) : (
            <RoomWaitingStage hostName={view.webinar.hostName} startTime={view.webinar.startTime} />
          )}
        </section>
        <aside aria-label="Chat, questions and polls" className="h-[70dvh] min-h-0 lg:h-auto">
          <RoomSidePanel webinarId={webinarId} auth={auth} state={roomState.data} connection={connection} />
        </aside>
      </main>
    </div>
  )
}

/** Inside the join window: asks for the viewer's credentials, then enters the room. */
function OpenRoom({ token, view }: { token: string; view: JoinView }) {
  const credentials = useAttendeeStreamCredentials(token, { isEnabled: true })
  const now = useNow()
  const error = credentials.error
  // The server's clock decides: a 409 naming when the room opens means ours ran ahead. Wait and ask again.
  const serverOpensAt = isApiError(error, 409) ? error.fields.opensAt : undefined
  const isWaitingForServer = Boolean(serverOpensAt && serverOpensAt !== 'closed' && now < Date.parse(serverOpensAt))
  const { refetch } = credentials
  useEffect(() => {
    if (serverOpensAt && serverOpensAt !== 'closed' && !isWaitingForServer) void refetch()
  }, [serverOpensAt, isWaitingForServer, refetch])

  if (credentials.isPending) return <PageLoading label="Entering the room…" />
  if (error) {
    if (serverOpensAt === 'closed') return <EndedNotice token={token} view={view} />
    if (serverOpensAt && serverOpensAt !== 'closed') return <RoomCountdown view={view} opensAt={serverOpensAt} now={now} />
    if (isApiError(error, 403)) return <NotApprovedNotice status={view.registration.status} />
    return (
      <RoomNotice icon={RotateCw} title="We could not let you in" action={<Button onClick={() => void credentials.refetch()}>Try again</Button>}>
        {errorMessageOf(error)}
      </RoomNotice>
    )
  }
  return <Room token={token} view={view} credentials={credentials.data} />
}

function JoinRoom({ token }: { token: string }) {
  const joinView = useJoinViewQuery(token)
  const now = useNow()
  // Before the room opens nothing here listens to the room: follow the status, so an early start lets them in.
  const { refetch } = joinView
  const isAhead = joinView.data?.registration.status === 'approved' && joinView.data.webinar.status === 'scheduled'
  useFollowWebinarStatus(
    { webinarId: joinView.data?.webinarId ?? '', joinToken: token, isEnabled: isAhead && now < Date.parse(joinView.data?.joinOpensAt ?? '') },
    { onStatus: () => void refetch(), onConnected: () => void refetch() },
  )
  if (joinView.isPending) return <PageLoading label="Opening your link…" />
  if (joinView.isError) {
    // The same page as the personal link's own, whichever of the two addresses was opened.
    return (
      <PublicLayout width="narrow">
        <title>Link not valid</title>
        <JoinLinkInvalid error={joinView.error} onRetry={() => void joinView.refetch()} />
      </PublicLayout>
    )
  }
  const view = joinView.data
  if (view.registration.status !== 'approved') return <NotApprovedNotice status={view.registration.status} />
  if (view.webinar.status === 'cancelled') return <CancelledNotice view={view} />
  if (view.webinar.status === 'ended') return <EndedNotice token={token} view={view} />
  if (view.webinar.status !== 'live' && now < Date.parse(view.joinOpensAt)) return <RoomCountdown view={view} opensAt={view.joinOpensAt} now={now} />
  return <OpenRoom token={token} view={view} />
}

/** The attendee's room behind their personal link: countdown → waiting room → live → ended, without reloads. */
export function JoinRoomRoute() {
  const { token = '' } = useParams()
  return <JoinRoom key={token} token={token} />
}
