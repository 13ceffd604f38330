import type { StreamCredentials, WebinarSettings } from '@webinar/shared/webinars'
import { useEffect, useMemo, useState, type ReactNode } from 'react'
import { Alert } from '@/components/ui/alert'
import { ApiError, errorMessageOf } from '@/lib/api-error'
import { handNotRaisedMessage, stagePermissions } from '../api/request-to-speak'
import { SpeakerLayout, ToggleAudioPublishingButton, ToggleVideoPublishingButton, useCallStateHooks } from '../stream-sdk'
import { isOnStage } from '../utils/on-stage'
import type { AttendeeCallActions, AttendeeStagePresence, RenderStageControls } from './attendee-stage-types'
import { ClosedCaptions } from './closed-captions'
import { HlsPlayer } from './hls-player'
import { StageMessage } from './stage-message'
import { StreamVideoProvider, useJoinStatus, useStreamSession, type StreamSession, type TokenProvider } from './stream-video-provider'

type ViewerMode = WebinarSettings['viewerMode']

function Stage({ children }: { children: ReactNode }) {
  return <div className="relative size-full min-h-64 overflow-hidden rounded-2xl bg-black">{children}</div>
}

/**
 * Brought on stage (and past the device check), the attendee publishes the camera and microphone they chose; off
 * stage again, both stop. Stream also stops them by itself when the host takes the permission back.
 */
function usePublishOnStage(session: StreamSession, { isOnStage, devices }: AttendeeStagePresence, isJoined: boolean) {
  const [error, setError] = useState<unknown>(null)
  const { cameraId, microphoneId } = devices
  useEffect(() => {
    if (!isOnStage || !isJoined) return
    const { camera, microphone } = session.call
    let isCurrent = true
    void (async () => {
      if (cameraId) await camera.select(cameraId)
      if (microphoneId) await microphone.select(microphoneId)
      if (!isCurrent) return
      await camera.enable()
      await microphone.enable()
    })().catch((failure: unknown) => {
      if (isCurrent) setError(failure)
    })
    return () => {
      isCurrent = false
      setError(null)
      void camera.disable().catch(() => {})
      void microphone.disable().catch(() => {})
    }
  }, [session, isOnStage, isJoined, cameraId, microphoneId])
  return error
}

/**
 * What a viewer watches, in the one way the room chose when it opened (`viewerMode`), never switching:
 * - `hls`: the HLS broadcast, which scales to any audience. The viewer never joins the call; the SDK only reads
 *   and watches it, for the captions. The playlist comes from our API, or from the call as soon as it names it.
 * - `webrtc`: the call itself, joined once it is live (the SDK's joinBehavior "live"), view-only, showing only
 *   the people on stage (never the other viewers).
 * The one exception is being brought on stage: a speaker must see and hear the others live, not 10 to 30 seconds
 * late, so an HLS viewer joins the call then, and watches in it for the rest of the visit.
 */
function AttendeeStage({
  viewerMode,
  hlsPlaylistUrl,
  isCaptioning,
  stage,
  renderStageControls,
}: {
  viewerMode: ViewerMode
  hlsPlaylistUrl: string | null
  isCaptioning: boolean
  stage: AttendeeStagePresence
  renderStageControls?: RenderStageControls
}) {
  const session = useStreamSession()
  const { status, error } = useJoinStatus(session)
  const { useIsCallLive, useCallEgress } = useCallStateHooks()
  const isLive = useIsCallLive()
  const callPlaylistUrl = useCallEgress()?.hls?.playlist_url
  const playlistUrl = hlsPlaylistUrl ?? callPlaylistUrl ?? null
  const watchesInCall = viewerMode === 'webrtc' || stage.isOnStage || status === 'joining' || status === 'joined'
  const publishError = usePublishOnStage(session, stage, status === 'joined')

  useEffect(() => {
    if ((viewerMode === 'webrtc' || stage.isOnStage) && status === 'ready' && isLive) session.join()
  }, [session, viewerMode, stage.isOnStage, status, isLive])

  const actions = useMemo<AttendeeCallActions>(
    () => ({
      requestToSpeak: async () => {
        try {
          await session.call.requestPermissions({ permissions: [...stagePermissions] })
        } catch {
          // The SDK refuses before asking when the call does not take requests (hands off), and Stream may refuse.
          throw new ApiError({ status: 403, code: 'hand_not_raised', message: handNotRaisedMessage })
        }
      },
    }),
    [session],
  )

  let video: ReactNode
  if (!watchesInCall && viewerMode === 'hls' && playlistUrl) {
    // The broadcast plays without the SDK: if Stream's client failed, only the captions are missing.
    video = (
      <Stage>
        <HlsPlayer src={playlistUrl} />
        {isCaptioning && status !== 'failed' ? <ClosedCaptions bottomClassName="bottom-14" /> : null}
      </Stage>
    )
  } else if (!watchesInCall && viewerMode === 'hls' && status !== 'failed') {
    video = <StageMessage>Waiting for the broadcast to start…</StageMessage>
  } else if (status === 'failed') {
    video = (
      <Alert title="The video could not start">
        {error instanceof Error ? error.message : errorMessageOf(error)} Reload the page to try again; chat and questions keep working.
      </Alert>
    )
  } else if (status === 'joined') {
    video = (
      <Stage>
        {/* On stage, you see yourself among the speakers; watching, only them. */}
        <SpeakerLayout participantsBarPosition="bottom" filterParticipants={isOnStage} excludeLocalParticipant={!stage.isOnStage} />
        {isCaptioning ? <ClosedCaptions /> : null}
      </Stage>
    )
  } else {
    video = <StageMessage>{isLive || status === 'joining' ? 'Connecting to the broadcast…' : 'Waiting for the host’s video…'}</StageMessage>
  }

  const isPublishing = stage.isOnStage && status === 'joined'
  return (
    <div className="flex h-full flex-col gap-3">
      <div className="min-h-0 flex-1">{video}</div>
      {publishError ? <Alert title="Your camera or microphone did not start">{errorMessageOf(publishError)}</Alert> : null}
      {renderStageControls || isPublishing ? (
        <div className="flex flex-wrap items-center justify-end gap-3 rounded-2xl bg-slate-900 px-4 py-3">
          {isPublishing ? (
            <div className="mr-auto flex items-center gap-2" role="toolbar" aria-label="Camera and microphone">
              <ToggleAudioPublishingButton />
              <ToggleVideoPublishingButton />
            </div>
          ) : null}
          {renderStageControls?.(actions)}
        </div>
      ) : null}
    </div>
  )
}

/** The viewer's side of the Stream call. Loaded lazily. */
export function StreamAttendeeVideo({
  credentials,
  tokenProvider,
  ...stageProps
}: {
  credentials: StreamCredentials
  tokenProvider: TokenProvider
  viewerMode: ViewerMode
  hlsPlaylistUrl: string | null
  isCaptioning: boolean
  stage: AttendeeStagePresence
  renderStageControls?: RenderStageControls
}) {
  return (
    <StreamVideoProvider credentials={credentials} role="viewer" tokenProvider={tokenProvider}>
      <AttendeeStage {...stageProps} />
    </StreamVideoProvider>
  )
}
