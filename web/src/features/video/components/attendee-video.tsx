import type { StreamCredentials, WebinarSettings } from '@webinar/shared/webinars'
import { lazy, Suspense, useCallback } from 'react'
import { getAttendeeStreamCredentials } from '../api/get-attendee-stream-credentials'
import type { AttendeeStagePresence, RenderStageControls } from './attendee-stage-types'
import { LocalAttendeeStage } from './local-attendee-stage'
import { StageMessage } from './stage-message'

// The Stream SDK is only fetched when the room really plays a broadcast.
const StreamAttendeeVideo = lazy(() => import('./stream-attendee-video').then((module) => ({ default: module.StreamAttendeeVideo })))

/**
 * The viewer's video: Stream's call (WebRTC) or its HLS broadcast, as `viewerMode` says, or the local stage in local
 * mode. The room decides the mode once, when it opens, and passes the same one for the whole visit. Brought on stage
 * (`stage`), the attendee publishes their camera and microphone; `renderStageControls` puts the room's stage
 * controls (raising a hand) under the video, with what the call lets them do.
 */
export function AttendeeVideo({
  joinToken,
  credentials,
  viewerMode,
  hlsPlaylistUrl,
  isCaptioning,
  stage,
  renderStageControls,
}: {
  joinToken: string
  credentials: StreamCredentials
  viewerMode: WebinarSettings['viewerMode']
  hlsPlaylistUrl: string | null
  isCaptioning: boolean
  stage: AttendeeStagePresence
  renderStageControls?: RenderStageControls
}) {
  const tokenProvider = useCallback(async () => (await getAttendeeStreamCredentials(joinToken)).token, [joinToken])
  if (credentials.isLocalMode) {
    return (
      <LocalAttendeeStage
        credentials={credentials}
        viewerMode={viewerMode}
        isCaptioning={isCaptioning}
        stage={stage}
        renderStageControls={renderStageControls}
      />
    )
  }
  return (
    <Suspense fallback={<StageMessage>Loading the video…</StageMessage>}>
      <StreamAttendeeVideo
        credentials={credentials}
        tokenProvider={tokenProvider}
        viewerMode={viewerMode}
        hlsPlaylistUrl={hlsPlaylistUrl}
        isCaptioning={isCaptioning}
        stage={stage}
        renderStageControls={renderStageControls}
      />
    </Suspense>
  )
}
