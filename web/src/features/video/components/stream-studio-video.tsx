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
import { StageMessage } from './stage-message'
import { StreamVideoProvider, useJoinStatus, useStreamSession, type TokenProvider } from './stream-video-provider'

function StudioStage({ onViewerCountChange }: { onViewerCountChange?: (count: number) => void }) {
  const session = useStreamSession()
  const { status, error } = useJoinStatus(session)
  const { useIsCallLive, useParticipantCount } = useCallStateHooks()
  const isLive = useIsCallLive()
  const participantCount = useParticipantCount()
  // Everyone in the call but the host is watching.
  const viewerCount = Math.max(0, participantCount - 1)
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
        <SpeakerLayout participantsBarPosition="bottom" />
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
  onViewerCountChange,
}: {
  credentials: StreamCredentials
  tokenProvider: TokenProvider
  onViewerCountChange?: (count: number) => void
}) {
  return (
    <StreamVideoProvider credentials={credentials} role="host" tokenProvider={tokenProvider}>
      <StudioStage onViewerCountChange={onViewerCountChange} />
    </StreamVideoProvider>
  )
}
