import type { StreamCredentials, WebinarSettings } from '@webinar/shared/webinars'
import { Captions, Radio } from 'lucide-react'
import { useMemo, useState } from 'react'
import { cn } from '@/lib/cn'
import { requestToSpeakLocally } from '../api/request-to-speak'
import { useCameraPreview } from '../hooks/use-camera-preview'
import { useLocalPresence } from '../hooks/use-local-presence'
import { stageSpeakersOf, type CallParticipant } from '../utils/call-participants'
import type { AttendeeStagePresence, RenderStageControls } from './attendee-stage-types'
import { LocalStageTiles, type StageSpeaker } from './local-stage-tiles'
import { MediaToggles } from './media-toggles'

const viewerModeLines: Record<WebinarSettings['viewerMode'], string> = {
  webrtc: 'With video on, this webinar plays in the call, under a second behind the host.',
  hls: 'With video on, this webinar plays as a broadcast, 10 to 30 seconds behind the host.',
}

function NobodyOnStage() {
  return (
    <div className="flex size-full flex-col items-center justify-center gap-3 px-6 py-10 text-center">
      <span className="inline-flex items-center gap-2 rounded-full bg-red-600 px-3 py-1 text-xs font-semibold text-white">
        <Radio className="size-3.5" aria-hidden /> Live
      </span>
      <p className="max-w-sm text-sm leading-6 text-slate-300">There is no video on this stage. Join the conversation in the chat, ask questions and answer polls.</p>
    </div>
  )
}

/**
 * The viewer's stage without Stream keys: no broadcast to watch, but the attendee is in the call (the host sees them
 * counted, attendance is recorded) and the stage shows who is on it (the people who may speak, from the call's
 * participants; never the audience), each as a tile without video, since no media leaves a browser in local mode.
 * Brought on stage, the attendee gets a tile of their own with their camera, and its switches. How to turn video on is
 * the operator's business, shown in the studio, not here; which way this webinar would play is said in one quiet line.
 */
export function LocalAttendeeStage({
  credentials,
  viewerMode,
  isCaptioning,
  stage,
  renderStageControls,
}: {
  credentials: StreamCredentials
  viewerMode: WebinarSettings['viewerMode']
  isCaptioning: boolean
  stage: AttendeeStagePresence
  renderStageControls?: RenderStageControls
}) {
  const [participants, setParticipants] = useState<CallParticipant[] | null>(null)
  useLocalPresence(credentials, { onPresence: (presence) => setParticipants(presence.participants) })
  const media = useCameraPreview({ isEnabled: stage.isOnStage, devices: stage.devices })
  const { userId, userName } = credentials
  const speakers = useMemo<StageSpeaker[]>(() => {
    const onStage = participants ? stageSpeakersOf(participants) : []
    // On stage from the moment of joining it, before the call's list says so.
    return stage.isOnStage && !onStage.some((speaker) => speaker.userId === userId) ? [...onStage, { userId, name: userName, role: 'viewer' }] : onStage
  }, [participants, stage.isOnStage, userId, userName])
  const actions = useMemo(() => ({ requestToSpeak: () => requestToSpeakLocally(credentials) }), [credentials])

  return (
    <div className="flex h-full flex-col gap-3">
      <div className={cn('relative flex-1 overflow-hidden rounded-2xl bg-slate-900 lg:min-h-64', speakers.length === 0 && 'max-lg:aspect-video')}>
        {speakers.length > 0 ? (
          <LocalStageTiles speakers={speakers} selfUserId={userId} selfMedia={stage.isOnStage ? media : null} names={{ [userId]: userName }} />
        ) : (
          <NobodyOnStage />
        )}
        {isCaptioning ? (
          // Local mode has no speech recognition: say that captions are on, since no line will ever appear.
          <p role="status" className="absolute inset-x-3 top-3 mx-auto flex w-fit max-w-[calc(100%-1.5rem)] items-center gap-2 rounded-lg bg-black/70 px-3 py-1.5 text-xs text-slate-200">
            <Captions className="size-4 shrink-0" aria-hidden />
            <span>
              <span className="font-semibold text-white">Captions are on.</span> Local mode has no speech recognition, so no text appears here.
            </span>
          </p>
        ) : null}
      </div>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-3 rounded-2xl bg-slate-900 px-4 py-3">
        {/* On a phone, someone on stage needs their switches more than this line (the header says live too). */}
        <div className={cn('min-w-0 flex-1 basis-56', stage.isOnStage && 'max-sm:hidden')}>
          <p className="text-sm font-semibold text-white">The webinar is live</p>
          <p className="text-xs leading-5 text-slate-400">{viewerModeLines[viewerMode]}</p>
        </div>
        {stage.isOnStage ? (
          <div className="flex items-center gap-2" role="toolbar" aria-label="Camera and microphone">
            <MediaToggles media={media} />
          </div>
        ) : null}
        {renderStageControls?.(actions)}
      </div>
    </div>
  )
}
