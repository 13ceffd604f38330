import { randomUUID } from 'node:crypto'
import type { CallResponses, EmulatedCallState } from './call-responses.ts'
import type { CallSessions } from './call-sessions.ts'
import { mergeSettings, readBackstage } from './call-settings.ts'
import { cidOf, requireCall, requireCallType, type EmulatorState, type StoredCall } from './emulator-state.ts'
import { isFields, readArray, readBoolean, readObject, readString, readTimestamp, type Fields } from './request-fields.ts'
import { inputError } from './stream-errors.ts'
import type { EmulatedUsers } from './users-and-tokens.ts'
import { callEventBase } from './webhooks.ts'

const callIdPattern = /^[a-zA-Z0-9_-]{1,64}$/

/**
 * Stream's calls and their life cycle: created once (in backstage when their settings say so), updated, taken live
 * and back to backstage with HLS and recording, ended, deleted. Sessions, participants and recordings are in
 * call-sessions.ts.
 */
export function createCalls(state: EmulatorState, users: EmulatedUsers, responses: CallResponses, sessions: CallSessions) {
  const { calls, now, emit } = state
  const { callResponse, memberResponses } = responses

  function addMembers(operation: string, call: StoredCall, requests: unknown[]) {
    const at = now()
    for (const [index, request] of requests.entries()) {
      const userId = isFields(request) ? readString(operation, request, 'user_id') : undefined
      if (!isFields(request) || !userId) {
        throw inputError(operation, `data.members[${index}].user_id is a required field`, {
          [`data.members[${index}].user_id`]: 'is a required field',
        })
      }
      users.ensureUser(userId)
      const role = readString(operation, request, 'role')
      const existing = call.members.get(userId)
      call.members.set(userId, {
        userId,
        ...(role !== undefined ? { role } : {}),
        custom: readObject(operation, request, 'custom') ?? {},
        createdAt: existing?.createdAt ?? at,
        updatedAt: at,
      })
    }
  }

  /** Backstage follows the setting, except that a call taken live stays out of backstage until stopLive. */
  function applyBackstageSetting(call: StoredCall, settingsOverride: Fields | undefined, isLive: boolean) {
    const backstage = isFields(settingsOverride?.backstage) ? settingsOverride.backstage : undefined
    if (typeof backstage?.enabled !== 'boolean') return
    call.backstage = backstage.enabled && !isLive
  }

  function stopHls(call: StoredCall) {
    if (call.hlsPlaylistUrl === null) return
    call.hlsPlaylistUrl = null
    emit({ ...callEventBase('call.hls_broadcasting_stopped', call, now()) })
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
      const createdByRequest = readObject(operation, data, 'created_by')
      const createdById = readString(operation, data, 'created_by_id') ?? (createdByRequest ? users.upsertUser(operation, createdByRequest).id : undefined)
      if (!createdById) {
        throw inputError(operation, 'either data.created_by or data.created_by_id must be provided when using server side auth', {
          'data.created_by_id': 'is required with server-side auth',
        })
      }
      users.ensureUser(createdById)
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
      }
      addMembers(operation, call, readArray(operation, data, 'members') ?? [])
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

    /** Out of backstage; HLS and recording start as asked. `mediaBaseUrl` is where the emulator serves HLS playlists. */
    goLive(type: string, id: string, body: Fields, mediaBaseUrl: string) {
      const operation = 'GoLive'
      const call = requireCall(state, operation, type, id)
      if (call.endedAt) throw inputError(operation, `call ${cidOf(type, id)} has ended and cannot go live again`)
      const at = now()
      const session = sessions.startSessionIfNone(call)
      const wasLive = !call.backstage && session.liveStartedAt !== null
      call.backstage = false
      session.liveStartedAt ??= at
      session.liveEndedAt = null
      call.updatedAt = at
      if (!wasLive) emit({ ...callEventBase('call.live_started', call, now()), call: callResponse(call) })

      if (readBoolean(operation, body, 'start_hls') && call.hlsPlaylistUrl === null) {
        call.hlsPlaylistUrl = `${mediaBaseUrl}/hls/${encodeURIComponent(type)}/${encodeURIComponent(id)}/${session.id}/playlist.m3u8`
        emit({ ...callEventBase('call.hls_broadcasting_started', call, now()), call: callResponse(call), hls_playlist_url: call.hlsPlaylistUrl })
      }
      if (readBoolean(operation, body, 'start_recording') || readBoolean(operation, body, 'start_composite_recording')) {
        sessions.startRecording(call, session, at)
      }
      return { call: callResponse(call) }
    },

    /** Back to backstage; HLS and recording stop unless asked to continue. */
    stopLive(type: string, id: string, body: Fields) {
      const operation = 'StopLive'
      const call = requireCall(state, operation, type, id)
      const at = now()
      call.backstage = true
      if (call.session && call.session.liveStartedAt && !call.session.liveEndedAt) call.session.liveEndedAt = at
      if (!readBoolean(operation, body, 'continue_hls')) stopHls(call)
      if (!readBoolean(operation, body, 'continue_recording') && !readBoolean(operation, body, 'continue_composite_recording')) {
        sessions.stopRecording(call, at)
      }
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
      stopHls(call)
      sessions.stopRecording(call, at)
      sessions.endSession(call, at)
      return {}
    },

    deleteCall(type: string, id: string, body: Fields) {
      const operation = 'DeleteCall'
      const call = requireCall(state, operation, type, id)
      const hard = readBoolean(operation, body, 'hard')
      calls.delete(cidOf(type, id))
      const deleted = callResponse(call)
      emit({ ...callEventBase('call.deleted', call, now()), call: deleted })
      return { call: deleted, ...(hard ? { task_id: randomUUID() } : {}) }
    },

    describeCall(type: string, id: string): EmulatedCallState | undefined {
      const call = calls.get(cidOf(type, id))
      return call ? responses.describe(call) : undefined
    },
  }
}
