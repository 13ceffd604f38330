import type { StreamCredentials } from '@webinar/shared/webinars'
import { useEffect, useEffectEvent, useMemo, useState } from 'react'
import { useCameraPreview } from '../hooks/use-camera-preview'
import { useLocalPresence } from '../hooks/use-local-presence'
import { stageSpeakersOf, type CallParticipant } from '../utils/call-participants'
import { viewerCountOf } from '../utils/viewer-count'
import { LocalModeBanner } from './local-mode-banner'
import { LocalStageTiles, type StageSpeaker } from './local-stage-tiles'
import { MediaToggles } from './media-toggles'
import { StageStatusChip } from './stage-status-chip'

/**
 * A speaker's studio without Stream keys (the host's, a co-host's or a panelist's): a tile per person on stage, with
 * your own camera in yours and the same controls as a broadcast. Nothing leaves the browser; the banner says so.
 * You are in the call all the same (backstage first), so the viewer count and who is on stage come from the call's
 * participants, as they do with Stream.
 */
export function LocalStudioStage({
  credentials,
  selfRole,
  isLive,
  names,
  labels,
  onViewerCountChange,
  onStageParticipantsChange,
}: {
  credentials: StreamCredentials
  /** Your role in the call: `host` (the host, a co-host, an admin) or `speaker` (a panelist). */
  selfRole: 'host' | 'speaker'
  isLive: boolean
  names?: Readonly<Record<string, string>>
  labels?: Readonly<Record<string, string>>
  onViewerCountChange?: (count: number) => void
  onStageParticipantsChange?: (participants: StageSpeaker[] | null) => void
}) {
  const [participants, setParticipants] = useState<CallParticipant[] | null>(null)
  useLocalPresence(credentials, {
    onPresence: (presence) => {
      setParticipants(presence.participants)
      onViewerCountChange?.(viewerCountOf(presence))
    },
  })
  const media = useCameraPreview()
  const onStage = useMemo(() => (participants ? stageSpeakersOf(participants) : null), [participants])
  const reportStage = useEffectEvent((speakers: StageSpeaker[] | null) => onStageParticipantsChange?.(speakers))
  useEffect(() => reportStage(onStage), [onStage])

  const { userId, userName } = credentials
  // You are on your own stage from the first moment, before the call's list (if it sends one) names you.
  const speakers = useMemo<StageSpeaker[]>(() => {
    const others = onStage ?? []
    return others.some((speaker) => speaker.userId === userId) ? others : [{ userId, name: userName, role: selfRole }, ...others]
  }, [onStage, userId, userName, selfRole])

  return (
    <div className="flex h-full flex-col gap-3">
      <LocalModeBanner />
      <div className="relative flex-1 overflow-hidden rounded-2xl bg-slate-900 lg:min-h-64">
        <StageStatusChip isLive={isLive} />
        <LocalStageTiles speakers={speakers} selfUserId={userId} selfMedia={media} names={{ ...names, [userId]: userName }} labels={labels} />
      </div>
      <div className="flex items-center justify-center gap-3 rounded-2xl bg-slate-900 px-4 py-3" role="toolbar" aria-label="Camera and microphone">
        <MediaToggles media={media} hasStreamOnlyTools />
      </div>
    </div>
  )
}
