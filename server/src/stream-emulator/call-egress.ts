import { randomUUID } from 'node:crypto'
import type { CallResponses } from './call-responses.ts'
import { closedCaptionMode, isHlsEnabled, recordingMode } from './call-settings.ts'
import type { EmulatedCallTypes } from './call-types.ts'
import { cidOf, refuseIfEnded, requireCall, type EmulatorState, type StoredCall } from './emulator-state.ts'
import { doesNotExist, inputError } from './stream-errors.ts'
import { callEventBase } from './webhooks.ts'

/**
 * What goes out of a call: the HLS broadcast, the composite recording and closed captions. Each starts only when the
 * call's settings (its type's, with its `settings_override` over them) allow it and the call has not ended, and each
 * start and stop is announced as Stream announces it. Starting what runs already, or stopping what does not, is
 * harmless. There is no media: HLS playlists are empty, captions are only the state.
 */
export function createCallEgress(state: EmulatorState, callTypes: EmulatedCallTypes, responses: CallResponses) {
  const { now, emit } = state

  /** Refuses (400, code 4) to start on an ended call, or what the call's settings turn off. */
  function requireAvailable(operation: string, call: StoredCall, wanted: { hls?: boolean; recording?: boolean; captions?: boolean }): void {
    refuseIfEnded(operation, call)
    const settings = callTypes.effectiveSettings(call)
    const cid = cidOf(call.type, call.id)
    if (wanted.hls && !isHlsEnabled(settings)) {
      throw inputError(operation, `HLS broadcasting is disabled for call ${cid} (settings.broadcasting.enabled and broadcasting.hls.enabled must be true)`)
    }
    if (wanted.recording && recordingMode(settings) === 'disabled') {
      throw inputError(operation, `recording is disabled for call ${cid} (settings.recording.mode)`)
    }
    if (wanted.captions && closedCaptionMode(settings) === 'disabled') {
      throw inputError(operation, `closed captions are disabled for call ${cid} (settings.transcription.closed_caption_mode)`)
    }
  }

  /** Starts HLS (refused when broadcasting or its HLS is off); returns the playlist URL, served by the emulator at `mediaBaseUrl`. */
  function startHls(operation: string, call: StoredCall, mediaBaseUrl: string): string {
    requireAvailable(operation, call, { hls: true })
    if (call.hlsPlaylistUrl !== null) return call.hlsPlaylistUrl
    const sessionId = call.session?.id ?? randomUUID()
    call.hlsPlaylistUrl = `${mediaBaseUrl}/hls/${encodeURIComponent(call.type)}/${encodeURIComponent(call.id)}/${sessionId}/playlist.m3u8`
    emit({ ...callEventBase('call.hls_broadcasting_started', call, now()), call: responses.callResponse(call), hls_playlist_url: call.hlsPlaylistUrl })
    return call.hlsPlaylistUrl
  }

  function stopHls(call: StoredCall): void {
    if (call.hlsPlaylistUrl === null) return
    call.hlsPlaylistUrl = null
    emit({ ...callEventBase('call.hls_broadcasting_stopped', call, now()) })
  }

  /** Starts the composite recording (refused when `recording.mode` is disabled). */
  function startRecording(operation: string, call: StoredCall, at: Date): void {
    requireAvailable(operation, call, { recording: true })
    if (call.activeRecording) return
    call.activeRecording = { egressId: randomUUID(), sessionId: call.session?.id ?? randomUUID(), startedAt: at, stoppedAt: null }
    emit({ ...callEventBase('call.recording_started', call, now()), egress_id: call.activeRecording.egressId, recording_type: 'composite' })
  }

  function stopRecording(call: StoredCall, at: Date): void {
    const recording = call.activeRecording
    if (!recording) return
    recording.stoppedAt = at
    call.recordingsToDeliver.push(recording)
    call.activeRecording = null
    emit({ ...callEventBase('call.recording_stopped', call, now()), egress_id: recording.egressId, recording_type: 'composite' })
  }

  /** Starts closed captions (refused when `transcription.closed_caption_mode` is disabled). */
  function startCaptions(operation: string, call: StoredCall): void {
    requireAvailable(operation, call, { captions: true })
    if (call.captioning) return
    call.captioning = true
    emit({ ...callEventBase('call.closed_captions_started', call, now()) })
  }

  function stopCaptions(call: StoredCall): void {
    if (!call.captioning) return
    call.captioning = false
    emit({ ...callEventBase('call.closed_captions_stopped', call, now()) })
  }

  function requireComposite(operation: string, recordingType: string): void {
    if (recordingType !== 'composite') {
      throw doesNotExist(operation, `the Stream API emulator records composite recordings only, not ${recordingType}`)
    }
  }

  return {
    requireAvailable,
    startHls,
    stopHls,
    startRecording,
    stopRecording,
    startCaptions,
    stopCaptions,

    /** `closed_caption_mode: auto-on` starts captions with the session ("automatically turned on when the call starts"). */
    startAutoOnCaptions(call: StoredCall): void {
      if (!call.endedAt && closedCaptionMode(callTypes.effectiveSettings(call)) === 'auto-on') startCaptions('StartClosedCaptions', call)
    },

    // The operations of their own (StartHLSBroadcasting, StopHLSBroadcasting, StartRecording, StopRecording,
    // StartClosedCaptions, StopClosedCaptions).

    startHlsBroadcasting(type: string, id: string, mediaBaseUrl: string) {
      const operation = 'StartHLSBroadcasting'
      return { playlist_url: startHls(operation, requireCall(state, operation, type, id), mediaBaseUrl) }
    },

    stopHlsBroadcasting(type: string, id: string) {
      const operation = 'StopHLSBroadcasting'
      const call = requireCall(state, operation, type, id)
      refuseIfEnded(operation, call)
      stopHls(call)
      return {}
    },

    startRecordingOf(type: string, id: string, recordingType: string) {
      const operation = 'StartRecording'
      const call = requireCall(state, operation, type, id)
      requireComposite(operation, recordingType)
      startRecording(operation, call, now())
      return {}
    },

    stopRecordingOf(type: string, id: string, recordingType: string) {
      const operation = 'StopRecording'
      const call = requireCall(state, operation, type, id)
      requireComposite(operation, recordingType)
      refuseIfEnded(operation, call)
      stopRecording(call, now())
      return {}
    },

    startClosedCaptions(type: string, id: string) {
      const operation = 'StartClosedCaptions'
      startCaptions(operation, requireCall(state, operation, type, id))
      return {}
    },

    stopClosedCaptions(type: string, id: string) {
      const operation = 'StopClosedCaptions'
      const call = requireCall(state, operation, type, id)
      refuseIfEnded(operation, call)
      stopCaptions(call)
      return {}
    },
  }
}

export type CallEgress = ReturnType<typeof createCallEgress>
