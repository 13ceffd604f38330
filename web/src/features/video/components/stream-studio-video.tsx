import type { StreamCredentials } from '@webinar/shared/webinars'
import { useEffect, useEffectEvent, useMemo } from 'react'
import { Alert } from '@/components/ui/alert'
import { errorMessageOf } from '@/lib/api-error'
import {
  DeviceSettings,
  RecordCallButton,
  ScreenShareButton,
  SpeakerLayout,
  ToggleAudioPublishingButton,
  ToggleVideoPublishingButton,
  useCallStateHooks,
} from '../stream-sdk'
import { isOnStage, stageSpeakersIn } from '../utils/on-stage'
import { viewerCountOf } from '../utils/viewer-count'
import { ClosedCaptions } from './closed-captions'
import type { StageSpeaker } from './local-stage-tiles'
import { StageMessage } from './stage-message'
import { StageStatusChip } from './stage-status-chip'
import { StreamVideoProvider, useJoinStatus, useStreamSession, type TokenProvider } from './stream-video-provider'

interface StudioStageProps {
  selfRole: 'host' | 'speaker'
  isCaptioning: boolean
  onViewerCountChange?: (count: number) => void
  onStageParticipantsChange?: (participants: StageSpeaker[] | null) => void
}

function StudioStage({ selfRole, isCaptioning, onViewerCountChange, onStageParticipantsChange }: StudioStageProps) {
  const session = useStreamSession()
  const { status, error } = useJoinStatus(session)
  const { useIsCallLive, useParticipantCount, useCallSession, useParticipants } = useCallStateHooks()
  const isLive = useIsCallLive()
  const participantCount = useParticipantCount()
  const countByRole = useCallSession()?.participants_count_by_role
  // Until the session's counts arrive, the one speaker Stream is sure of is this one.
  const viewerCount = viewerCountOf({ participantCount, countByRole: { ...countByRole, [selfRole]: Math.max(1, countByRole?.[selfRole] ?? 0) } })
  useEffect(() => onViewerCountChange?.(viewerCount), [onViewerCountChange, viewerCount])
  const participants = useParticipants()
  const onStage = useMemo(() => stageSpeakersIn(participants), [participants])
  const onStageKey = onStage.map((speaker) => speaker.userId).join(' ')
  const reportStage = useEffectEvent(() => onStageParticipantsChange?.(status === 'joined' ? onStage : null))
  useEffect(() => reportStage(), [onStageKey, status])

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
        <StageStatusChip isLive={isLive} />
        {/* The hosts, panelists and whoever is on stage; viewers in the call are counted in the top bar, never shown. */}
        <SpeakerLayout participantsBarPosition="bottom" filterParticipants={isOnStage} />
        {isCaptioning ? <ClosedCaptions bottomClassName="bottom-28" /> : null}
      </div>
      <div className="flex flex-wrap items-center justify-center gap-2 rounded-2xl bg-slate-900 px-4 py-3" role="toolbar" aria-label="Call controls">
        <ToggleAudioPublishingButton />
        <ToggleVideoPublishingButton />
        <ScreenShareButton />
        {selfRole === 'host' ? <RecordCallButton /> : null}
        <DeviceSettings />
      </div>
    </div>
  )
}

/**
 * A speaker's side of the Stream call (the host, a co-host or a panelist): backstage until the webinar starts, then
 * on air. Loaded lazily.
 */
export function StreamStudioVideo({ credentials, tokenProvider, ...stage }: StudioStageProps & { credentials: StreamCredentials; tokenProvider: TokenProvider }) {
  return (
    <StreamVideoProvider credentials={credentials} role={stage.selfRole} tokenProvider={tokenProvider}>
      <StudioStage {...stage} />
    </StreamVideoProvider>
  )
}
