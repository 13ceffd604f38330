import type { StreamCredentials } from '@webinar/shared/webinars'
import { useEffect } from 'react'
import { Alert } from '@/components/ui/alert'
import { errorMessageOf } from '@/lib/api-client'
import {
  DeviceSettings,
  RecordCallButton,
  ScreenShareButton,
  SpeakerLayout,
  ToggleAudioPublishingButton,
  ToggleVideoPublishingButton,
  useCallStateHooks,
} from '../stream-sdk'
import { isOnStage } from '../utils/on-stage'
import { viewerCountOf } from '../utils/viewer-count'
import { ClosedCaptions } from './closed-captions'
import { StageMessage } from './stage-message'
import { StreamVideoProvider, useJoinStatus, useStreamSession, type TokenProvider } from './stream-video-provider'

function StudioStage({ isCaptioning, onViewerCountChange }: { isCaptioning: boolean; onViewerCountChange?: (count: number) => void }) {
  const session = useStreamSession()
  const { status, error } = useJoinStatus(session)
  const { useIsCallLive, useParticipantCount, useCallSession } = useCallStateHooks()
  const isLive = useIsCallLive()
  const participantCount = useParticipantCount()
  const countByRole = useCallSession()?.participants_count_by_role
  // Until the session's counts arrive, the one host Stream is sure of is this one.
  const viewerCount = viewerCountOf({ participantCount, countByRole: { ...countByRole, host: Math.max(1, countByRole?.host ?? 0) } })
  useEffect(() => onViewerCountChange?.(viewerCount), [onViewerCountChange, viewerCount])

  if (status === 'failed') {
    return (
      <Alert title="Could not join the call">
        {error instanceof Error ? error.message : errorMessageOf(error)} Reload the page to try again.
      </Alert>
    )
  }
  if (status !== 'joined') return <StageMessage>Joining the backstage…</StageMessage>

  return (
    <div className="flex h-full flex-col gap-3">
      <div className="relative min-h-64 flex-1 overflow-hidden rounded-2xl bg-slate-900">
        <span
          className={
            isLive
              ? 'absolute top-3 left-3 z-10 rounded-full bg-red-600 px-2.5 py-1 text-xs font-semibold text-white'
              : 'absolute top-3 left-3 z-10 rounded-full bg-black/60 px-2.5 py-1 text-xs font-semibold text-white'
          }
        >
          {isLive ? 'On air' : 'Backstage: only you can see this'}
        </span>
        {/* The host and whoever is on stage; viewers in the call are counted in the top bar, never shown. */}
        <SpeakerLayout participantsBarPosition="bottom" filterParticipants={isOnStage} />
        {isCaptioning ? <ClosedCaptions bottomClassName="bottom-28" /> : null}
      </div>
      <div className="flex flex-wrap items-center justify-center gap-2 rounded-2xl bg-slate-900 px-4 py-3" role="toolbar" aria-label="Call controls">
        <ToggleAudioPublishingButton />
        <ToggleVideoPublishingButton />
        <ScreenShareButton />
        <RecordCallButton />
        <DeviceSettings />
      </div>
    </div>
  )
}

/** The host's side of the Stream call: backstage until the webinar starts, then on air. Loaded lazily. */
export function StreamStudioVideo({
  credentials,
  tokenProvider,
  isCaptioning,
  onViewerCountChange,
}: {
  credentials: StreamCredentials
  tokenProvider: TokenProvider
  isCaptioning: boolean
  onViewerCountChange?: (count: number) => void
}) {
  return (
    <StreamVideoProvider credentials={credentials} role="host" tokenProvider={tokenProvider}>
      <StudioStage isCaptioning={isCaptioning} onViewerCountChange={onViewerCountChange} />
    </StreamVideoProvider>
  )
}
