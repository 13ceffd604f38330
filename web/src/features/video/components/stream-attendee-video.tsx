import type { StreamCredentials, WebinarSettings } from '@webinar/shared/webinars'
import { useEffect, type ReactNode } from 'react'
import { Alert } from '@/components/ui/alert'
import { errorMessageOf } from '@/lib/api-client'
import { SpeakerLayout, useCallStateHooks } from '../stream-sdk'
import { isOnStage } from '../utils/on-stage'
import { ClosedCaptions } from './closed-captions'
import { HlsPlayer } from './hls-player'
import { StageMessage } from './stage-message'
import { StreamVideoProvider, useJoinStatus, useStreamSession, type TokenProvider } from './stream-video-provider'

type ViewerMode = WebinarSettings['viewerMode']

function Stage({ children }: { children: ReactNode }) {
  return <div className="relative size-full min-h-64 overflow-hidden rounded-2xl bg-black">{children}</div>
}

/**
 * What a viewer watches, in the one way the room chose when it opened (`viewerMode`), never switching:
 * - `hls`: the HLS broadcast, which scales to any audience. The viewer never joins the call; the SDK only reads
 *   and watches it, for the captions. The playlist comes from our API, or from the call as soon as it names it.
 * - `webrtc`: the call itself, joined once it is live (the SDK's joinBehavior "live"), view-only, showing only
 *   the people on stage (never the other viewers).
 */
function AttendeeStage({ viewerMode, hlsPlaylistUrl, isCaptioning }: { viewerMode: ViewerMode; hlsPlaylistUrl: string | null; isCaptioning: boolean }) {
  const session = useStreamSession()
  const { status, error } = useJoinStatus(session)
  const { useIsCallLive, useCallEgress } = useCallStateHooks()
  const isLive = useIsCallLive()
  const callPlaylistUrl = useCallEgress()?.hls?.playlist_url
  const playlistUrl = hlsPlaylistUrl ?? callPlaylistUrl ?? null

  useEffect(() => {
    if (viewerMode === 'webrtc' && status === 'ready' && isLive) session.join()
  }, [session, viewerMode, status, isLive])

  if (viewerMode === 'hls') {
    // The broadcast plays without the SDK: if Stream's client failed, only the captions are missing.
    if (playlistUrl) {
      return (
        <Stage>
          <HlsPlayer src={playlistUrl} />
          {isCaptioning && status !== 'failed' ? <ClosedCaptions bottomClassName="bottom-14" /> : null}
        </Stage>
      )
    }
    if (status !== 'failed') return <StageMessage>Waiting for the broadcast to start…</StageMessage>
  }
  if (status === 'failed') {
    return (
      <Alert title="The video could not start">
        {error instanceof Error ? error.message : errorMessageOf(error)} Reload the page to try again; chat and questions keep working.
      </Alert>
    )
  }
  if (status === 'joined') {
    return (
      <Stage>
        <SpeakerLayout participantsBarPosition="bottom" filterParticipants={isOnStage} excludeLocalParticipant />
        {isCaptioning ? <ClosedCaptions /> : null}
      </Stage>
    )
  }
  return <StageMessage>{isLive || status === 'joining' ? 'Connecting to the broadcast…' : 'Waiting for the host’s video…'}</StageMessage>
}

/** The viewer's side of the Stream call. Loaded lazily. */
export function StreamAttendeeVideo({
  credentials,
  tokenProvider,
  viewerMode,
  hlsPlaylistUrl,
  isCaptioning,
}: {
  credentials: StreamCredentials
  tokenProvider: TokenProvider
  viewerMode: ViewerMode
  hlsPlaylistUrl: string | null
  isCaptioning: boolean
}) {
  return (
    <StreamVideoProvider credentials={credentials} role="viewer" tokenProvider={tokenProvider}>
      <AttendeeStage viewerMode={viewerMode} hlsPlaylistUrl={hlsPlaylistUrl} isCaptioning={isCaptioning} />
    </StreamVideoProvider>
  )
}
