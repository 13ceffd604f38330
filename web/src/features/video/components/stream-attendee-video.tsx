import type { StreamCredentials } from '@webinar/shared/webinars'
import { useEffect } from 'react'
import { Alert } from '@/components/ui/alert'
import { errorMessageOf } from '@/lib/api-client'
import { LivestreamLayout, useCallStateHooks } from '../stream-sdk'
import { HlsPlayer } from './hls-player'
import { StageMessage } from './stage-message'
import { StreamVideoProvider, useJoinStatus, useStreamSession, type TokenProvider } from './stream-video-provider'

/**
 * What a viewer watches: the HLS broadcast when the call has one (it scales to large audiences), otherwise
 * the call itself over WebRTC, joined only once it is live (the SDK's joinBehavior "live"), view-only.
 */
function AttendeeStage() {
  const session = useStreamSession()
  const { status, error } = useJoinStatus(session)
  const { useIsCallLive, useCallEgress } = useCallStateHooks()
  const isLive = useIsCallLive()
  const playlistUrl = useCallEgress()?.hls?.playlist_url
  const isHls = Boolean(playlistUrl)

  useEffect(() => {
    if (status === 'ready' && isLive && !isHls) session.join()
  }, [session, status, isLive, isHls])

  if (status === 'failed') {
    return (
      <Alert title="The video could not start">
        {error instanceof Error ? error.message : errorMessageOf(error)} Reload the page to try again; chat and questions keep working.
      </Alert>
    )
  }
  if (playlistUrl) return <HlsPlayer src={playlistUrl} />
  if (status === 'joined') {
    return (
      <div className="size-full overflow-hidden rounded-2xl bg-black">
        <LivestreamLayout showParticipantCount showDuration showLiveBadge enableFullScreen />
      </div>
    )
  }
  return <StageMessage>{isLive || status === 'joining' ? 'Connecting to the broadcast…' : 'Waiting for the host’s video…'}</StageMessage>
}

/** The viewer's side of the Stream call. Loaded lazily. */
export function StreamAttendeeVideo({ credentials, tokenProvider }: { credentials: StreamCredentials; tokenProvider: TokenProvider }) {
  return (
    <StreamVideoProvider credentials={credentials} role="viewer" tokenProvider={tokenProvider}>
      <AttendeeStage />
    </StreamVideoProvider>
  )
}
