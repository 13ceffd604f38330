import { isDeepStrictEqual } from 'node:util'
import { gunzipSync } from 'node:zlib'
import { StreamClient } from '@stream-io/node-sdk'
import { createSigner } from 'fast-jwt'
import type { StreamCredentials } from '@webinar/shared/webinars'
import type { Clock } from '../clock.ts'
import { AppError } from '../errors.ts'

/** What Stream must know about a webinar to keep its call in step. */
export interface CallSpec {
  callType: string
  callId: string
  webinarId: string
  title: string
  capacity: number | null
  startTime: Date
  joinAheadSeconds: number
  viewerMode: 'webrtc' | 'hls'
  /** A live call is out of backstage: its backstage switch is left alone. */
  isLive: boolean
  host: { streamUserId: string; name: string }
  /** Co-hosts (role host) and guest panelists (role speaker): call members besides the host. */
  speakers: { streamUserId: string; name: string; role: 'host' | 'speaker' }[]
  /** Attendees may ask to speak (Stream's capability requests for audio and video). */
  handRaising: boolean
}

export interface CallRef {
  callType: string
  callId: string
}

/** A finished recording of a call (Stream's `CallRecording`). */
export interface StreamRecording {
  filename: string
  url: string
  sessionId: string | null
  startedAt: Date | null
  endedAt: Date | null
  /** `composite` (the call as viewers saw it), `individual` or `raw`. */
  recordingType: string
}

// The node-sdk turns Stream's timestamps into Dates without checking them.
function validDateOrNull(value: Date | undefined): Date | null {
  return value instanceof Date && !Number.isNaN(value.getTime()) ? value : null
}

/** A webinar's call, from the columns that name it. */
export function callRefOf(webinar: { streamCallType: string; streamCallId: string }): CallRef {
  return { callType: webinar.streamCallType, callId: webinar.streamCallId }
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

/**
 * What Stream says the call is doing now, to learn whether a request whose answer failed was done all the same;
 * undefined when Stream cannot say either (the original failure stands).
 */
async function readCallState(call: { get(): Promise<{ call: { backstage: boolean; captioning: boolean; egress?: { hls?: { playlist_url?: string } } } }> }) {
  try {
    const { call: state } = await call.get()
    return { isLive: !state.backstage, isCaptioning: state.captioning, hlsPlaylistUrl: state.egress?.hls?.playlist_url || null }
  } catch {
    return undefined
  }
}

/**
 * Runs what a request asks of Stream: Stream's failure becomes a 502 (`upstream_failed`) that says what happened,
 * and `consequence` (what it means for the caller) when given.
 */
export async function withStream<T>(step: () => Promise<T>, consequence?: string): Promise<T> {
  try {
    return await step()
  } catch (error) {
    if (error instanceof VideoUnavailableError) throw new AppError('upstream_failed', consequence ? `${error.message} ${consequence}` : error.message)
    throw error
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

/**
 * Who may do what in a webinar's call (Stream's call-type grants). Hosts use Stream's built-in `host` call role;
 * attendees the custom `viewer` role, created through the roles API (`ensureCallType`), because no built-in role
 * is watch-only. Their tokens are call tokens (`call_cids` = this one call, `role`), so on any other call of the
 * type they are plain `user`s, and `user` and `call_member` get nothing: a token of this app that was not minted
 * for this call cannot join or read it.
 */
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
  'start-closed-captions-call',
  'stop-closed-captions-call',
]
/** Attendees watch: they may join and read, never publish (unless a moderator grants it for a raised hand). */
export const viewerCapabilities = ['join-call', 'read-call']
/** Guest panelists: on stage with camera, microphone and screen, without running the call. */
export const speakerCapabilities = ['join-call', 'join-backstage', 'read-call', 'send-audio', 'send-video', 'screenshare', 'create-reaction']
/** What a raised hand asks for and an accepted one is granted (and taking someone off stage revokes). */
export const stageCapabilities = ['send-audio', 'send-video']
export const hostRole = 'host'
export const viewerRole = 'viewer'
export const speakerRole = 'speaker'
export const callTypeGrants = {
  [hostRole]: hostCapabilities,
  [viewerRole]: viewerCapabilities,
  [speakerRole]: speakerCapabilities,
  user: [],
  call_member: [],
}
/** Roles created through Stream's roles API: no built-in call role is watch-only, or on stage without running it. */
const customRoles = [viewerRole, speakerRole]

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

/** A guest panelist, as Stream knows them (co-hosts are staff: `staffStreamUserId`). */
export function guestSpeakerStreamUserId(speakerId: string): string {
  return `speaker_${speakerId}`
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
  // Users' tokens are signed here rather than with the node-sdk's generateUserToken/generateCallToken: those sign
  // through jsonwebtoken, which makes a key object of the secret for every token (a few thousand a second per core,
  // the bottleneck of a join storm). fast-jwt keeps the key, and with the same claims in the same order the JWT is
  // the node-sdk's to the byte (HS256, typ JWT, iat and exp as given): test/video-tokens.test.ts compares them.
  const signUserToken = createSigner({ key: apiSecret, algorithm: 'HS256' })
  let callTypeReady: Promise<void> | undefined

  async function ensureCustomRoles(): Promise<void> {
    const { roles } = await client.listRoles()
    for (const name of customRoles) {
      if (roles.some((role) => role.name === name)) continue
      await client.createRole({ name }).catch(async (error: unknown) => {
        // Another instance created it in the meantime: the goal is met.
        const { roles: again } = await client.listRoles()
        if (!again.some((role) => role.name === name)) throw error
      })
    }
  }

  async function upsertCallType(): Promise<void> {
    const settings = {
      backstage: { enabled: true },
      recording: { mode: 'available' },
      broadcasting: { enabled: true, hls: { enabled: true, quality_tracks: ['720p'] } },
      // Hosts turn captions on and off; nothing runs (or costs) until they do.
      transcription: { mode: 'available', closed_caption_mode: 'available', language: 'auto' },
    }
    try {
      await ensureCustomRoles()
      const existing = await client.video.getCallType({ name: callType }).catch((error: { code?: number; metadata?: { responseCode?: number } }) => {
        if (error.metadata?.responseCode === 404 || error.code === 16) return undefined
        throw error
      })
      if (existing) await client.video.updateCallType({ name: callType, grants: callTypeGrants, settings } as never)
      else await client.video.createCallType({ name: callType, grants: callTypeGrants, settings } as never)
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

    /**
     * Makes the call exist and match the webinar (idempotent: the call id comes from the webinar id). An existing
     * call is compared with the webinar and only what differs is sent, so a live call never hears "backstage on"
     * again; the host's membership follows the webinar's host.
     */
    async syncCall(spec: CallSpec): Promise<{ created: boolean }> {
      await this.ensureCallType()
      const call = client.video.call(spec.callType, spec.callId)
      const custom = { webinarId: spec.webinarId, title: spec.title, capacity: spec.capacity }
      const desiredMembers = [{ user_id: spec.host.streamUserId, role: hostRole }, ...spec.speakers.map((speaker) => ({ user_id: speaker.streamUserId, role: speaker.role }))]
      try {
        await client.upsertUsers([spec.host, ...spec.speakers].map((person) => ({ id: person.streamUserId, name: person.name })))
        const response = await call.getOrCreate({
          data: {
            created_by_id: spec.host.streamUserId,
            starts_at: spec.startTime,
            custom,
            members: desiredMembers,
            settings_override: desiredCallSettings(spec),
          },
        })
        if (response.created) return { created: true }
        const update = callUpdate(spec, custom, response.call)
        if (update) await call.update(update)
        // Stage roles follow the webinar: a replaced host or a removed speaker is no longer a member.
        const stageRoles = new Set([hostRole, speakerRole])
        const stale = response.members.filter((member) => stageRoles.has(member.role ?? '') && !desiredMembers.some((desired) => desired.user_id === member.user_id))
        const missing = desiredMembers.filter((desired) => !response.members.some((member) => member.user_id === desired.user_id && member.role === desired.role))
        if (missing.length > 0 || stale.length > 0) {
          await call.updateCallMembers({
            ...(missing.length > 0 ? { update_members: missing } : {}),
            ...(stale.length > 0 ? { remove_members: stale.map((member) => member.user_id) } : {}),
          })
        }
        return { created: false }
      } catch (error) {
        throw toVideoError(error, 'prepare the webinar call')
      }
    },

    /**
     * Takes the call live. When Stream's answer fails (lost, an error, too late) the call is read back: Stream may
     * have done the work all the same, and a call that is live at Stream is a live webinar, not a failed start.
     */
    async goLive(ref: CallRef, options: { hls: boolean; record: boolean; captions: boolean }): Promise<{ hlsPlaylistUrl: string | null; isCaptioning: boolean }> {
      const call = client.video.call(ref.callType, ref.callId)
      try {
        const response = await call.goLive({ start_hls: options.hls, start_recording: options.record, ...(options.captions ? { start_closed_caption: true } : {}) })
        return { hlsPlaylistUrl: response.call.egress?.hls?.playlist_url || null, isCaptioning: options.captions }
      } catch (error) {
        const state = await readCallState(call)
        if (state?.isLive) return { hlsPlaylistUrl: state.hlsPlaylistUrl, isCaptioning: state.isCaptioning }
        throw toVideoError(error, 'take the call live')
      }
    },

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

    /** Removes the call from Stream (the webinar was deleted). A call that is already gone is fine. */
    async deleteCall(ref: CallRef): Promise<void> {
      try {
        await client.video.call(ref.callType, ref.callId).delete({ hard: true })
      } catch (error) {
        if ((error as { metadata?: { responseCode?: number } }).metadata?.responseCode === 404) return
        throw toVideoError(error, 'delete the call')
      }
    },

    /**
     * Gives Stream's users a new name: an erased registrant's user, which their browser created with their name
     * (connectUser), keeps only the erased name. An upsert (Stream's UpdateUsers, at most 100 at a time), so a
     * user who never connected is created under that name, which tells Stream nothing.
     */
    async renameUsers(people: { streamUserId: string; name: string }[]): Promise<void> {
      try {
        for (let start = 0; start < people.length; start += 100) {
          await client.upsertUsers(people.slice(start, start + 100).map((person) => ({ id: person.streamUserId, name: person.name })))
        }
      } catch (error) {
        throw toVideoError(error, 'rename the users')
      }
    },

    /**
     * Keeps a person out of the call or lets them back in (a registration cancelled, rejected or approved again).
     * Blocking also removes them if they are in it now (Stream's kick with block).
     */
    async setBlocked(ref: CallRef, streamUserId: string, isBlocked: boolean): Promise<void> {
      const call = client.video.call(ref.callType, ref.callId)
      try {
        if (isBlocked) await call.kickUser({ user_id: streamUserId, block: true })
        else await call.unblockUser({ user_id: streamUserId })
      } catch (error) {
        // A call that no longer exists (deleted) keeps nobody in: nothing to do.
        if ((error as { metadata?: { responseCode?: number } }).metadata?.responseCode === 404) return
        throw toVideoError(error, isBlocked ? 'block the attendee' : 'unblock the attendee')
      }
    },

    /**
     * Makes someone a member of the call with a stage role (a co-host or a panelist invited), or takes them out
     * of the members and out of the call now (removed): their token carries no role of its own, so without the
     * membership they hold nothing on this call type and cannot join again.
     */
    async setStageMember(ref: CallRef, member: { streamUserId: string; name: string; role: 'host' | 'speaker' }, isMember: boolean): Promise<void> {
      const call = client.video.call(ref.callType, ref.callId)
      try {
        if (isMember) {
          await client.upsertUsers([{ id: member.streamUserId, name: member.name }])
          await call.updateCallMembers({ update_members: [{ user_id: member.streamUserId, role: member.role }] })
          return
        }
        await call.updateCallMembers({ remove_members: [member.streamUserId] })
        await call.kickUser({ user_id: member.streamUserId })
      } catch (error) {
        // A call that no longer exists (deleted) has nobody to add or remove.
        if ((error as { metadata?: { responseCode?: number } }).metadata?.responseCode === 404) return
        throw toVideoError(error, isMember ? 'add the speaker to the call' : 'remove the speaker from the call')
      }
    },

    /** Brings an attendee on stage (grants sending audio and video) or takes them off (revokes it). */
    async setOnStage(ref: CallRef, streamUserId: string, isOnStage: boolean): Promise<void> {
      const call = client.video.call(ref.callType, ref.callId)
      try {
        await call.updateUserPermissions({
          user_id: streamUserId,
          ...(isOnStage ? { grant_permissions: stageCapabilities } : { revoke_permissions: stageCapabilities }),
        } as never)
      } catch (error) {
        throw toVideoError(error, isOnStage ? 'bring the attendee on stage' : 'take the attendee off stage')
      }
    },

    /** Turns captions on or off; a failed answer is checked against the call, as for goLive. */
    async setCaptions(ref: CallRef, isOn: boolean): Promise<void> {
      const call = client.video.call(ref.callType, ref.callId)
      try {
        if (isOn) await call.startClosedCaptions({})
        else await call.stopClosedCaptions({})
      } catch (error) {
        const state = await readCallState(call)
        if (state?.isCaptioning === isOn) return
        throw toVideoError(error, isOn ? 'turn on closed captions' : 'turn off closed captions')
      }
    },

    /**
     * The call's finished recordings as Stream lists them now: each time with the addresses Stream gives out now
     * (they are signed and expire, so a replay asks here rather than keeping one). A call that no longer exists
     * has none.
     */
    async listRecordings(ref: CallRef): Promise<StreamRecording[]> {
      try {
        const { recordings } = await client.video.call(ref.callType, ref.callId).listRecordings()
        return recordings.map((recording) => ({
          filename: recording.filename,
          url: recording.url,
          sessionId: recording.session_id || null,
          startedAt: validDateOrNull(recording.start_time),
          endedAt: validDateOrNull(recording.end_time),
          recordingType: recording.recording_type,
        }))
      } catch (error) {
        if ((error as { metadata?: { responseCode?: number } }).metadata?.responseCode === 404) return []
        throw toVideoError(error, 'list the call’s recordings')
      }
    },

    /** Where an encoder (OBS) sends the broadcast: the call's RTMP ingress address. */
    async rtmpIngressAddress(ref: CallRef): Promise<string> {
      try {
        const response = await client.video.call(ref.callType, ref.callId).get()
        return response.call.ingress.rtmp.address
      } catch (error) {
        throw toVideoError(error, 'read the call’s RTMP address')
      }
    },

    /** A call token for the webinar's host: role host, this one call only, valid for a few hours. */
    mintHostToken(input: { streamUserId: string; ref: CallRef; validitySeconds?: number }): { token: string; expiresAt: Date } {
      const nowSeconds = Math.floor(clock.now().getTime() / 1000)
      return mintCallToken(input.streamUserId, input.ref, hostRole, nowSeconds + (input.validitySeconds ?? 4 * 3600))
    },

    /**
     * A co-host's or panelist's token: a user token without a role or a call of its own, so what they may do in
     * the call comes from their membership (role host or speaker), and removing the membership revokes it at once
     * (a role in the token would last until it expires).
     */
    mintSpeakerToken(input: { streamUserId: string; validitySeconds?: number }): { token: string; expiresAt: Date } {
      const issuedAt = Math.floor(clock.now().getTime() / 1000) - 1
      const expiresAt = issuedAt + 1 + (input.validitySeconds ?? 4 * 3600)
      const token = signUserToken({ user_id: input.streamUserId, iat: issuedAt, exp: expiresAt })
      return { token, expiresAt: new Date(expiresAt * 1000) }
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
      return mintCallToken(input.streamUserId, input.ref, viewerRole, Math.max(nowSeconds + 60, expiresAtSeconds))
    },

    /**
     * Checks Stream's HMAC over the exact bytes received (gzip allowed) and parses the event; throws when forged.
     * A gzipped body is inflated here, at most `maxInflatedBytes` (a RangeError beyond), before the SDK sees it:
     * the SDK would inflate it whole, and a small bomb would become gigabytes before the signature is checked.
     */
    verifyAndParseWebhook(rawBody: Buffer, signature: string, maxInflatedBytes: number): unknown {
      const isGzip = (bytes: Buffer) => bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b
      const body = isGzip(rawBody) ? gunzipSync(rawBody, { maxOutputLength: maxInflatedBytes }) : rawBody
      // Stream signs the JSON: gzip inside gzip is nobody's webhook (and the SDK would inflate it without a bound).
      if (isGzip(body)) throw new Error('a gzipped webhook holds gzip again')
      return client.verifyAndParseWebhook(body, signature)
    },
  }

  function mintCallToken(streamUserId: string, ref: CallRef, role: string, expiresAt: number) {
    // Issued a second in the past so that a server clock slightly ahead of Stream's is not refused.
    const issuedAt = Math.floor(clock.now().getTime() / 1000) - 1
    const token = signUserToken({
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

/** The call's settings that follow the webinar (the rest comes from the call type). */
function desiredCallSettings(spec: CallSpec) {
  return {
    // Raising a hand is Stream's capability request for audio and video; the webinar can turn it off.
    // Stream's AudioSettingsRequest requires default_device; `speaker` is its default for a call of this kind.
    audio: { access_request_enabled: spec.handRaising, default_device: 'speaker' as const },
    video: { access_request_enabled: spec.handRaising },
    backstage: { enabled: true, join_ahead_time_seconds: spec.joinAheadSeconds },
    // Viewers of an HLS webinar never join the call; those of a WebRTC webinar never get a broadcast.
    broadcasting: { enabled: true, hls: { enabled: spec.viewerMode === 'hls', quality_tracks: ['720p'] } },
    // With WebRTC every viewer is a participant: the webinar's seats become the call's limit (hosts not counted).
    // Without seats, or when viewers watch over HLS, 0 means no limit.
    limits: {
      max_participants: spec.viewerMode === 'webrtc' && spec.capacity !== null ? spec.capacity : 0,
      max_participants_exclude_roles: [hostRole, speakerRole],
    },
  }
}

interface ExistingCall {
  starts_at?: Date
  custom: Record<string, unknown>
  settings: {
    backstage: { enabled: boolean; join_ahead_time_seconds?: number }
    broadcasting: { hls: { enabled: boolean } }
    limits: { max_participants?: number; max_participants_exclude_roles?: string[] }
    audio?: { access_request_enabled?: boolean }
    video?: { access_request_enabled?: boolean }
  }
}

/** What must change on an existing call to match the webinar; undefined when it already does. */
function callUpdate(spec: CallSpec, custom: Record<string, unknown>, existing: ExistingCall) {
  const desired = desiredCallSettings(spec)
  const settings: Record<string, unknown> = {}
  const backstage = existing.settings.backstage
  // A live call has left backstage: saying "enabled" again would mean nothing at best.
  if ((!spec.isLive && !backstage.enabled) || (backstage.join_ahead_time_seconds ?? 0) !== spec.joinAheadSeconds) {
    settings.backstage = spec.isLive ? { join_ahead_time_seconds: spec.joinAheadSeconds } : desired.backstage
  }
  if (existing.settings.broadcasting.hls.enabled !== desired.broadcasting.hls.enabled) settings.broadcasting = desired.broadcasting
  const limits = existing.settings.limits
  if ((limits.max_participants ?? 0) !== desired.limits.max_participants || !isDeepStrictEqual(limits.max_participants_exclude_roles ?? [], desired.limits.max_participants_exclude_roles)) {
    settings.limits = desired.limits
  }
  if ((existing.settings.audio?.access_request_enabled ?? false) !== spec.handRaising) settings.audio = desired.audio
  if ((existing.settings.video?.access_request_enabled ?? false) !== spec.handRaising) settings.video = desired.video
  const isStartChanged = existing.starts_at?.getTime() !== spec.startTime.getTime()
  const isCustomChanged = !isDeepStrictEqual(existing.custom, custom)
  if (!isStartChanged && !isCustomChanged && Object.keys(settings).length === 0) return undefined
  return {
    ...(isStartChanged ? { starts_at: spec.startTime } : {}),
    ...(isCustomChanged ? { custom } : {}),
    ...(Object.keys(settings).length > 0 ? { settings_override: settings } : {}),
  }
}
