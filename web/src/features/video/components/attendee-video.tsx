import type { StreamCredentials } from '@webinar/shared/webinars'
import { lazy, Suspense, useCallback } from 'react'
import { getAttendeeStreamCredentials } from '../api/get-attendee-stream-credentials'
import { LocalAttendeeStage } from './local-attendee-stage'
import { StageMessage } from './stage-message'

// The Stream SDK is only fetched when the room really plays a broadcast.
const StreamAttendeeVideo = lazy(() => import('./stream-attendee-video').then((module) => ({ default: module.StreamAttendeeVideo })))

/** The viewer's video: Stream's livestream (WebRTC or HLS), or a placeholder stage in local mode. */
export function AttendeeVideo({ joinToken, credentials }: { joinToken: string; credentials: StreamCredentials }) {
  const tokenProvider = useCallback(async () => (await getAttendeeStreamCredentials(joinToken)).token, [joinToken])
  if (credentials.isLocalMode) return <LocalAttendeeStage credentials={credentials} />
  return (
    <Suspense fallback={<StageMessage>Loading the video…</StageMessage>}>
      <StreamAttendeeVideo credentials={credentials} tokenProvider={tokenProvider} />
    </Suspense>
  )
}
