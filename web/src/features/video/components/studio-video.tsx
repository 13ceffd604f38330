import type { StreamCredentials } from '@webinar/shared/webinars'
import { lazy, Suspense, useCallback } from 'react'
import { getHostStreamCredentials } from '../api/get-host-stream-credentials'
import { LocalStudioPreview } from './local-studio-preview'
import { StageMessage } from './stage-message'

// The Stream SDK (about 200 KB gzipped with its CSS) is only fetched when a studio really broadcasts.
const StreamStudioVideo = lazy(() => import('./stream-studio-video').then((module) => ({ default: module.StreamStudioVideo })))

/** The host's video: Stream's call with its controls, or the local camera preview in local mode. */
export function StudioVideo({
  webinarId,
  credentials,
  isCaptioning,
  onViewerCountChange,
}: {
  webinarId: string
  credentials: StreamCredentials
  /** Shows the call's captions over the video, as attendees read them (Stream only: local mode has no speech recognition). */
  isCaptioning: boolean
  onViewerCountChange?: (count: number) => void
}) {
  const tokenProvider = useCallback(async () => (await getHostStreamCredentials(webinarId)).token, [webinarId])
  if (credentials.isLocalMode) return <LocalStudioPreview credentials={credentials} onViewerCountChange={onViewerCountChange} />
  return (
    <Suspense fallback={<StageMessage>Loading the video studio…</StageMessage>}>
      <StreamStudioVideo credentials={credentials} tokenProvider={tokenProvider} isCaptioning={isCaptioning} onViewerCountChange={onViewerCountChange} />
    </Suspense>
  )
}
