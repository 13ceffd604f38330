import { randomUUID } from 'node:crypto'
import type { CallEgress } from './call-egress.ts'
import type { CallMembers } from './call-members.ts'
import type { CallResponses, EmulatedCallState } from './call-responses.ts'
import type { CallSessions } from './call-sessions.ts'
import { mergeSettings, readBackstage } from './call-settings.ts'
import { cidOf, refuseIfEnded, requireCall, requireCallType, type EmulatorState, type StoredCall } from './emulator-state.ts'
import { isFields, readBoolean, readObject, readString, readTimestamp, type Fields } from './request-fields.ts'
import { inputError } from './stream-errors.ts'
import type { EmulatedUsers } from './users.ts'
import { callEventBase } from './webhooks.ts'

const callIdPattern = /^[a-zA-Z0-9_-]{1,64}$/

/**
 * Stream's calls and their life cycle: created once (in backstage when their settings say so), updated, taken live
 * and back to backstage with HLS, recording and captions, ended, deleted. An ended call refuses every change but
 * being ended again (harmless) or deleted. Members are in call-members.ts, sessions and participants in
 * call-sessions.ts, what goes out of a call in call-egress.ts.
 */
export function createCalls(
  state: EmulatorState,
  users: EmulatedUsers,
  members: CallMembers,
  responses: CallResponses,
  sessions: CallSessions,
  egress: CallEgress,
) {
  const { calls, now, emit } = state
  const { callResponse, memberResponses } = responses

  /** Backstage follows the setting, except that a call taken live stays out of backstage until stopLive. */
  function applyBackstageSetting(call: StoredCall, settingsOverride: Fields | undefined, isLive: boolean) {
    const backstage = isFields(settingsOverride?.backstage) ? settingsOverride.backstage : undefined
    if (typeof backstage?.enabled !== 'boolean') return
    call.backstage = backstage.enabled && !isLive
  }

  /**
   * The creator of a new call: `created_by` is upserted as a user (as Stream does with a user object), while
   * `created_by_id` must name an existing user, like a member.
   */
  function readCreator(operation: string, data: Fields): string {
    const createdByRequest = readObject(operation, data, 'created_by')
    const createdById = readString(operation, data, 'created_by_id')
    if (createdById !== undefined) {
      users.requireExistingUsers(operation, [createdById], 'data.created_by_id')
      return createdById
    }
    if (createdByRequest) return users.upsertUser(operation, createdByRequest).id
    throw inputError(operation, 'either data.created_by or data.created_by_id must be provided when using server side auth', {
      'data.created_by_id': 'is required with server-side auth',
    })
  }

  return {
    getOrCreateCall(type: string, id: string, body: Fields) {
      const operation = 'GetOrCreateCall'
      const callType = requireCallType(state, operation, type)
      if (!callIdPattern.test(id)) {
        throw inputError(operation, 'call id may only contain letters, digits, _ and - (at most 64)', { id: 'invalid call id' })
      }
      const membersLimit = typeof body.members_limit === 'number' ? body.members_limit : undefined
      const existing = calls.get(cidOf(type, id))
      // An existing call is returned as it is: getOrCreate never changes it (that is what update is for).
      if (existing) {
        return { created: false, call: callResponse(existing), members: memberResponses(existing, membersLimit), own_capabilities: [] }
      }

      const data = readObject(operation, body, 'data') ?? {}
      // Everything is checked before the call is stored: a refused request creates no call.
      const createdById = readCreator(operation, data)
      const initialMembers = members.readInitialMembers(operation, data)
      const at = now()
      const settingsOverride = readObject(operation, data, 'settings_override') ?? {}
      const team = readString(operation, data, 'team')
      const call: StoredCall = {
        type,
        id,
        createdById,
        createdAt: at,
        updatedAt: at,
        startsAt: readTimestamp(operation, data, 'starts_at') ?? null,
        endedAt: null,
        custom: readObject(operation, data, 'custom') ?? {},
        ...(team !== undefined ? { team } : {}),
        settingsOverride: mergeSettings({}, settingsOverride),
        backstage: readBackstage(mergeSettings(callType.settings, settingsOverride)).enabled,
        hlsPlaylistUrl: null,
        activeRecording: null,
        recordingsToDeliver: [],
        members: new Map(),
        session: null,
        recordings: [],
        blockedUserIds: new Set(),
        captioning: false,
        userPermissions: new Map(),
      }
      members.addInitialMembers(call, initialMembers)
      calls.set(cidOf(type, id), call)
      emit({ ...callEventBase('call.created', call, now()), call: callResponse(call), members: memberResponses(call) })
      return { created: true, call: callResponse(call), members: memberResponses(call, membersLimit), own_capabilities: [] }
    },

    getCall(type: string, id: string, membersLimit?: number) {
      const call = requireCall(state, 'GetCall', type, id)
      return { call: callResponse(call), members: memberResponses(call, membersLimit), own_capabilities: [] }
    },

    updateCall(type: string, id: string, body: Fields) {
      const operation = 'UpdateCall'
      const call = requireCall(state, operation, type, id)
      refuseIfEnded(operation, call)
      const startsAt = readTimestamp(operation, body, 'starts_at')
      if (startsAt) call.startsAt = startsAt
      const custom = readObject(operation, body, 'custom')
      if (custom) call.custom = custom
      const settingsOverride = readObject(operation, body, 'settings_override')
      if (settingsOverride) {
        call.settingsOverride = mergeSettings(call.settingsOverride, settingsOverride)
        applyBackstageSetting(call, settingsOverride, !call.backstage && call.session?.liveStartedAt != null)
      }
      call.updatedAt = now()
      const capabilitiesByRole = state.callTypes.get(type)?.grants ?? {}
      emit({ ...callEventBase('call.updated', call, now()), call: callResponse(call), capabilities_by_role: capabilitiesByRole })
      return { call: callResponse(call), members: memberResponses(call), own_capabilities: [] }
    },

    /**
     * Out of backstage; HLS, recording and captions start as asked, each refused (and nothing done) when the call's
     * settings turn it off. `mediaBaseUrl` is where the emulator serves HLS playlists.
     */
    goLive(type: string, id: string, body: Fields, mediaBaseUrl: string) {
      const operation = 'GoLive'
      const call = requireCall(state, operation, type, id)
      const wantsHls = readBoolean(operation, body, 'start_hls')
      const wantsRecording = readBoolean(operation, body, 'start_recording') || readBoolean(operation, body, 'start_composite_recording')
      const wantsCaptions = readBoolean(operation, body, 'start_closed_caption')
      egress.requireAvailable(operation, call, { hls: wantsHls, recording: wantsRecording, captions: wantsCaptions })
      const at = now()
      const session = sessions.startSessionIfNone(call)
      const wasLive = !call.backstage && session.liveStartedAt !== null
      call.backstage = false
      session.liveStartedAt ??= at
      session.liveEndedAt = null
      call.updatedAt = at
      if (!wasLive) emit({ ...callEventBase('call.live_started', call, now()), call: callResponse(call) })
      if (wantsHls) egress.startHls(operation, call, mediaBaseUrl)
      if (wantsRecording) egress.startRecording(operation, call, at)
      if (wantsCaptions) egress.startCaptions(operation, call)
      return { call: callResponse(call) }
    },

    /** Back to backstage; HLS, recording and captions stop unless asked to continue. */
    stopLive(type: string, id: string, body: Fields) {
      const operation = 'StopLive'
      const call = requireCall(state, operation, type, id)
      refuseIfEnded(operation, call)
      const at = now()
      call.backstage = true
      if (call.session && call.session.liveStartedAt && !call.session.liveEndedAt) call.session.liveEndedAt = at
      if (!readBoolean(operation, body, 'continue_hls')) egress.stopHls(call)
      if (!readBoolean(operation, body, 'continue_recording') && !readBoolean(operation, body, 'continue_composite_recording')) {
        egress.stopRecording(call, at)
      }
      if (!readBoolean(operation, body, 'continue_closed_caption')) egress.stopCaptions(call)
      call.updatedAt = at
      return { call: callResponse(call) }
    },

    /** Ends the call for everyone: egress stops, participants leave, the session ends. Ending twice changes nothing. */
    endCall(type: string, id: string) {
      const call = requireCall(state, 'EndCall', type, id)
      if (call.endedAt) return {}
      const at = now()
      call.endedAt = at
      call.updatedAt = at
      emit({ ...callEventBase('call.ended', call, now()), call: callResponse(call) })
      egress.stopHls(call)
      egress.stopRecording(call, at)
      egress.stopCaptions(call)
      sessions.endSession(call, at)
      return {}
    },

    /**
     * Removes the call, soft or hard alike: "no longer accessible via the API" (https://getstream.io/video/docs/api/gdpr/calls/),
     * so it is a 404 (code 16) from then on and getOrCreate makes a new call under the same id. Whoever is still in
     * it leaves (their participant-left events, then the session's end) before `call.deleted`.
     */
    deleteCall(type: string, id: string, body: Fields) {
      const operation = 'DeleteCall'
      const call = requireCall(state, operation, type, id)
      const hard = readBoolean(operation, body, 'hard')
      // Gone from the API first, so whatever reacts to the events below already finds no call.
      calls.delete(cidOf(type, id))
      const at = now()
      egress.stopHls(call)
      egress.stopRecording(call, at)
      egress.stopCaptions(call)
      sessions.endSession(call, at)
      const deleted = callResponse(call)
      emit({ ...callEventBase('call.deleted', call, now()), call: deleted })
      return { call: deleted, ...(hard ? { task_id: randomUUID() } : {}) }
    },

    describeCall(type: string, id: string): EmulatedCallState | undefined {
      const call = calls.get(cidOf(type, id))
      return call ? responses.describe(call) : undefined
    },

    /** Every call that exists (deleted ones are gone), as `describeCall` shows it: to look for calls nobody owns. */
    describeCalls(): EmulatedCallState[] {
      return [...calls.values()].map((call) => responses.describe(call))
    },
  }
}
