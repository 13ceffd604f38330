import type { StreamCredentials } from '@webinar/shared/webinars'
import { lazy, Suspense } from 'react'
import type { StageSpeaker } from './local-stage-tiles'
import { LocalStudioStage } from './local-studio-stage'
import { StageMessage } from './stage-message'
import type { TokenProvider } from './stream-video-provider'

// The Stream SDK (about 200 KB gzipped with its CSS) is only fetched when a studio really broadcasts.
const StreamStudioVideo = lazy(() => import('./stream-studio-video').then((module) => ({ default: module.StreamStudioVideo })))

/**
 * A speaker's video in their studio (the host's, a co-host's, a panelist's): Stream's call with its controls, or the
 * local stage in local mode. `onStageParticipantsChange` reports who is on stage in the call (null until known).
 */
export function StudioVideo({
  credentials,
  tokenProvider,
  selfRole,
  isLive,
  isCaptioning,
  names,
  labels,
  onViewerCountChange,
  onStageParticipantsChange,
}: {
  credentials: StreamCredentials
  /** Asked for a fresh token when Stream's expires. */
  tokenProvider: TokenProvider
  /** `host` for the host, co-hosts and admins; `speaker` for a guest panelist. */
  selfRole: 'host' | 'speaker'
  isLive: boolean
  /** Shows the call's captions over the video, as attendees read them (Stream only: local mode has no speech recognition). */
  isCaptioning: boolean
  /** Local mode's tiles, by Stream user id: the names the call may not know (attendees on stage) and the roles it cannot tell (a co-host). */
  names?: Readonly<Record<string, string>>
  labels?: Readonly<Record<string, string>>
  onViewerCountChange?: (count: number) => void
  onStageParticipantsChange?: (participants: StageSpeaker[] | null) => void
}) {
  if (credentials.isLocalMode) {
    return (
      <LocalStudioStage
        credentials={credentials}
        selfRole={selfRole}
        isLive={isLive}
        names={names}
        labels={labels}
        onViewerCountChange={onViewerCountChange}
        onStageParticipantsChange={onStageParticipantsChange}
      />
    )
  }
  return (
    <Suspense fallback={<StageMessage>Loading the video studio…</StageMessage>}>
      <StreamStudioVideo
        credentials={credentials}
        tokenProvider={tokenProvider}
        selfRole={selfRole}
        isCaptioning={isCaptioning}
        onViewerCountChange={onViewerCountChange}
        onStageParticipantsChange={onStageParticipantsChange}
      />
    </Suspense>
  )
}
