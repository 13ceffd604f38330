import { StreamClient } from '@stream-io/node-sdk'
import type { StreamCredentials } from '@webinar/shared/webinars'
import type { Clock } from '../clock.ts'

/** What Stream must know about a webinar to keep its call in step. */
export interface CallSpec {
  callType: string
  callId: string
  webinarId: string
  title: string
  capacity: number | null
  startTime: Date
  joinAheadSeconds: number
  host: { streamUserId: string; name: string }
}

export interface CallRef {
  callType: string
  callId: string
}

/** Stream could not do what was asked (down, slow, refused). `message` is safe to show. */
export class VideoUnavailableError extends Error {
  constructor(
    message: string,
    readonly httpStatus: number | undefined,
    readonly streamCode: number | undefined,
  ) {
    super(message)
    this.name = 'VideoUnavailableError'
  }
}

// The node-sdk does not export StreamError: it is recognised by its metadata (STREAM-NOTES.md).
function toVideoError(error: unknown, action: string): VideoUnavailableError {
  const failure = error as { message?: string; code?: number; metadata?: { responseCode?: number } }
  const status = failure.metadata?.responseCode
  if (status === undefined) {
    return new VideoUnavailableError(`Stream did not answer while trying to ${action}. Try again in a moment.`, undefined, undefined)
  }
  const detail = (failure.message ?? 'no details').trim().replace(/[.\s]*$/, '')
  return new VideoUnavailableError(
    `Stream refused to ${action} (HTTP ${status}): ${detail}.`,
    status,
    failure.code,
  )
}

export const hostCapabilities = [
  'join-call',
  'join-backstage',
  'read-call',
  'send-audio',
  'send-video',
  'screenshare',
  'update-call',
  'update-call-settings',
  'update-call-permissions',
  'start-broadcast-call',
  'stop-broadcast-call',
  'start-record-call',
  'stop-record-call',
  'end-call',
  'mute-users',
  'kick-user',
  'block-users',
  'create-reaction',
]
/** Attendees watch: they may join and read, never publish. */
export const viewerCapabilities = ['join-call', 'read-call']

/** Where local mode mounts the Stream API emulator on the app's own port. */
export const localEmulatorMountPath = '/__stream'

/**
 * Local mode: the browser's connection to a call, which stands in for Stream's SFU (the emulator learns of
 * joins and leaves from it). A path on the app's own origin.
 */
export function localPresencePath(ref: CallRef): string {
  return `${localEmulatorMountPath}/local/calls/${encodeURIComponent(ref.callType)}/${encodeURIComponent(ref.callId)}/presence`
}

export function staffStreamUserId(userId: string): string {
  return `staff_${userId}`
}

export function registrantStreamUserId(registrationId: string): string {
  return `reg_${registrationId}`
}

/** What a browser needs to join the call with a token minted for it (host studio or attendee room). */
export function toStreamCredentials(input: {
  apiKey: string
  isLocalMode: boolean
  streamUserId: string
  userName: string
  ref: CallRef
  minted: { token: string; expiresAt: Date }
}): StreamCredentials {
  return {
    apiKey: input.apiKey,
    token: input.minted.token,
    userId: input.streamUserId,
    userName: input.userName,
    callType: input.ref.callType,
    callId: input.ref.callId,
    expiresAt: input.minted.expiresAt.toISOString(),
    isLocalMode: input.isLocalMode,
    localPresenceUrl: input.isLocalMode ? localPresencePath(input.ref) : null,
  }
}

export interface VideoServiceOptions {
  apiKey: string
  apiSecret: string
  baseUrl?: string
  timeoutMs: number
  callType: string
  clock: Clock
}

/**
 * Everything the server asks of Stream Video, over the official node-sdk. In local mode the same code
 * talks to the built-in emulator (baseUrl), so what tests exercise is what production runs.
 */
export function createVideoService({ apiKey, apiSecret, baseUrl, timeoutMs, callType, clock }: VideoServiceOptions) {
  const client = new StreamClient(apiKey, apiSecret, { timeout: timeoutMs, ...(baseUrl ? { basePath: baseUrl } : {}) })
  let callTypeReady: Promise<void> | undefined

  const callSettings = (joinAheadSeconds: number) => ({
    backstage: { enabled: true, join_ahead_time_seconds: joinAheadSeconds },
  })

  async function upsertCallType(): Promise<void> {
    const grants = { host: hostCapabilities, viewer: viewerCapabilities, call_member: viewerCapabilities, user: viewerCapabilities }
    const settings = {
      backstage: { enabled: true },
      recording: { mode: 'available' },
      broadcasting: { enabled: true, hls: { enabled: true, quality_tracks: ['720p'] } },
    }
    try {
      const existing = await client.video.getCallType({ name: callType }).catch((error: { code?: number; metadata?: { responseCode?: number } }) => {
        if (error.metadata?.responseCode === 404 || error.code === 16) return undefined
        throw error
      })
      if (existing) await client.video.updateCallType({ name: callType, grants, settings } as never)
      else await client.video.createCallType({ name: callType, grants, settings } as never)
    } catch (error) {
      throw toVideoError(error, `set up the "${callType}" call type`)
    }
  }

  return {
    apiKey,
    callType,
    /**
     * Creates or updates the custom call type, once per process (again after a failure).
     * A call of a type that does not exist is refused by Stream, so every call operation awaits this.
     */
    ensureCallType(): Promise<void> {
      callTypeReady ??= upsertCallType().catch((error: unknown) => {
        callTypeReady = undefined
        throw error
      })
      return callTypeReady
    },

    /** Makes the call exist and match the webinar (idempotent: the call id comes from the webinar id). */
    async syncCall(spec: CallSpec): Promise<{ created: boolean }> {
      await this.ensureCallType()
      const call = client.video.call(spec.callType, spec.callId)
      const custom = { webinarId: spec.webinarId, title: spec.title, capacity: spec.capacity }
      try {
        await client.upsertUsers([{ id: spec.host.streamUserId, name: spec.host.name }])
        const response = await call.getOrCreate({
          data: {
            created_by_id: spec.host.streamUserId,
            starts_at: spec.startTime,
            custom,
            members: [{ user_id: spec.host.streamUserId, role: 'host' }],
            settings_override: callSettings(spec.joinAheadSeconds),
          },
        })
        if (!response.created) {
          await call.update({ starts_at: spec.startTime, custom, settings_override: callSettings(spec.joinAheadSeconds) })
        }
        return { created: response.created }
      } catch (error) {
        throw toVideoError(error, 'prepare the webinar call')
      }
    },

    async goLive(ref: CallRef, options: { hls: boolean; record: boolean }): Promise<{ hlsPlaylistUrl: string | null }> {
      try {
        const response = await client.video.call(ref.callType, ref.callId).goLive({ start_hls: options.hls, start_recording: options.record })
        return { hlsPlaylistUrl: response.call.egress?.hls?.playlist_url || null }
      } catch (error) {
        throw toVideoError(error, 'take the call live')
      }
    },

    /** Back to backstage, stop broadcasting and recording, then end the call for everyone. */
    /**
     * Stops the broadcast, then ends the call. Stopping first lets HLS and the recording close cleanly; if Stream
     * refuses that step, ending the call still stops every egress, so the end goes ahead and the refusal is
     * returned for the caller to log. Only a failure to end the call is an error.
     */
    async endLive(ref: CallRef): Promise<{ stopLiveError: VideoUnavailableError | null }> {
      const call = client.video.call(ref.callType, ref.callId)
      let stopLiveError: VideoUnavailableError | null = null
      try {
        await call.stopLive({ continue_hls: false, continue_recording: false })
      } catch (error) {
        stopLiveError = toVideoError(error, 'stop the broadcast')
      }
      try {
        await call.end()
      } catch (error) {
        throw toVideoError(error, 'end the call')
      }
      return { stopLiveError }
    },

    async endCall(ref: CallRef): Promise<void> {
      try {
        await client.video.call(ref.callType, ref.callId).end()
      } catch (error) {
        const failure = error as { metadata?: { responseCode?: number } }
        // Ending a call that never existed or already ended leaves it ended: the goal is met.
        if (failure.metadata?.responseCode === 404) return
        throw toVideoError(error, 'end the call')
      }
    },

    /** A call token for the webinar's host: role host, this one call only, valid for a few hours. */
    mintHostToken(input: { streamUserId: string; ref: CallRef; validitySeconds?: number }): { token: string; expiresAt: Date } {
      const nowSeconds = Math.floor(clock.now().getTime() / 1000)
      return mintCallToken(input.streamUserId, input.ref, 'host', nowSeconds + (input.validitySeconds ?? 4 * 3600))
    },

    /**
     * A call token for an attendee: role viewer, this one call only, expiring `graceSeconds` after the
     * scheduled end (so a webinar that overruns a little keeps its audience).
     */
    mintViewerToken(input: { streamUserId: string; ref: CallRef; scheduledEnd: Date; graceSeconds?: number }): {
      token: string
      expiresAt: Date
    } {
      const expiresAtSeconds = Math.floor((input.scheduledEnd.getTime() + (input.graceSeconds ?? 3600) * 1000) / 1000)
      const nowSeconds = Math.floor(clock.now().getTime() / 1000)
      return mintCallToken(input.streamUserId, input.ref, 'viewer', Math.max(nowSeconds + 60, expiresAtSeconds))
    },

    /** Checks Stream's HMAC over the exact bytes received (gzip allowed) and parses the event; throws when forged. */
    verifyAndParseWebhook(rawBody: Buffer, signature: string): Record<string, unknown> {
      return client.verifyAndParseWebhook(rawBody, signature) as unknown as Record<string, unknown>
    },
  }

  function mintCallToken(streamUserId: string, ref: CallRef, role: string, expiresAt: number) {
    // Issued a second in the past so that a server clock slightly ahead of Stream's is not refused.
    const issuedAt = Math.floor(clock.now().getTime() / 1000) - 1
    const token = client.generateCallToken({
      user_id: streamUserId,
      call_cids: [`${ref.callType}:${ref.callId}`],
      role,
      iat: issuedAt,
      exp: expiresAt,
    })
    return { token, expiresAt: new Date(expiresAt * 1000) }
  }
}

export type VideoService = ReturnType<typeof createVideoService>
