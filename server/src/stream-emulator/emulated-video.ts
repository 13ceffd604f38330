import { randomUUID } from 'node:crypto'
import {
  builtInCallTypes,
  defaultCallSettings,
  defaultNotificationSettings,
  mergeSettings,
  readBackstage,
  type SettingsTree,
} from './call-settings.ts'
import { isFields, readArray, readBoolean, readObject, readString, readTimestamp, type Fields } from './request-fields.ts'
import { doesNotExist, inputError, notAllowed } from './stream-errors.ts'

/** A webhook event as Stream sends it: `type`, `call_cid`, `created_at` and the event's own fields. */
export interface StreamEvent {
  type: string
  call_cid: string
  created_at: string
  [field: string]: unknown
}

export interface CallRecordingRecord {
  filename: string
  url: string
  start_time: string
  end_time: string
  session_id: string
  recording_type: string
}

export interface ParticipantState {
  userId: string
  userSessionId: string
  role: string
  joinedAt: string
}

export interface StreamUserResponse {
  id: string
  name?: string
  image?: string
  custom: Record<string, unknown>
  language: string
  role: string
  teams: string[]
  created_at: string
  updated_at: string
  banned: boolean
  online: boolean
  blocked_user_ids: string[]
  shadow_banned: boolean
  invisible: boolean
}

export interface StreamParticipantResponse {
  user: StreamUserResponse
  user_session_id: string
  role: string
  joined_at: string
}

export interface StreamSessionResponse {
  id: string
  participants: StreamParticipantResponse[]
  participants_count_by_role: Record<string, number>
  anonymous_participant_count: number
  rejected_by: Record<string, string>
  accepted_by: Record<string, string>
  missed_by: Record<string, string>
  started_at: string
  live_started_at: string | null
  live_ended_at: string | null
  ended_at: string | null
}

/**
 * A call as Stream's API sends it (CallResponse). Optional timestamps and the session are null when unset,
 * as Stream's answers carry them.
 */
export interface StreamCallResponse {
  type: string
  id: string
  cid: string
  current_session_id: string
  created_by: StreamUserResponse
  custom: Record<string, unknown>
  created_at: string
  updated_at: string
  starts_at: string | null
  ended_at: string | null
  recording: boolean
  transcribing: boolean
  captioning: boolean
  translating: boolean
  backstage: boolean
  settings: SettingsTree
  join_ahead_time_seconds: number
  blocked_user_ids: string[]
  team?: string
  ingress: { rtmp: { address: string }; whip: { address: string }; srt: { address: string } }
  egress: { broadcasting: boolean; hls: { playlist_url: string; status: string }; rtmps: unknown[] }
  session: StreamSessionResponse | null
}

/**
 * What `getCall` and the control endpoint report: the call as Stream's API shows it, plus the life cycle at a
 * glance and what only the emulator knows (who is connected, which recordings are ready).
 */
export interface EmulatedCallState extends StreamCallResponse {
  /** Out of backstage and not ended: viewers can watch. */
  live: boolean
  ended: boolean
  hlsPlaylistUrl: string | null
  participants: ParticipantState[]
  members: Array<{ userId: string; role: string | null }>
  recordings: CallRecordingRecord[]
}

interface StoredUser {
  id: string
  name?: string
  image?: string
  role: string
  custom: Fields
  language: string
  teams: string[]
  invisible: boolean
  createdAt: Date
  updatedAt: Date
}

interface StoredCallType {
  name: string
  grants: Record<string, string[]>
  settings: SettingsTree
  notificationSettings: SettingsTree
  externalStorage?: string
  createdAt: Date
  updatedAt: Date
}

interface StoredMember {
  userId: string
  role?: string
  custom: Fields
  createdAt: Date
  updatedAt: Date
}

interface StoredParticipant {
  userId: string
  userSessionId: string
  role: string
  joinedAt: Date
}

interface StoredSession {
  id: string
  startedAt: Date
  liveStartedAt: Date | null
  liveEndedAt: Date | null
  endedAt: Date | null
  participants: StoredParticipant[]
}

/** A stretch of recording: open while recording, closed when it stopped, until it is made ready. */
interface RecordingWindow {
  egressId: string
  sessionId: string
  startedAt: Date
  stoppedAt: Date | null
}

interface StoredCall {
  type: string
  id: string
  createdById: string
  createdAt: Date
  updatedAt: Date
  startsAt: Date | null
  endedAt: Date | null
  custom: Fields
  team?: string
  settingsOverride: SettingsTree
  backstage: boolean
  hlsPlaylistUrl: string | null
  activeRecording: RecordingWindow | null
  recordingsToDeliver: RecordingWindow[]
  members: Map<string, StoredMember>
  session: StoredSession | null
  recordings: CallRecordingRecord[]
}

export interface EmulatedVideoDependencies {
  apiKey: string
  now: () => Date
  /** Capabilities Stream knows; grants naming others are refused. Null when the OpenAPI document is absent. */
  knownCapabilities: ReadonlySet<string> | null
  emit: (event: StreamEvent) => void
}

const callIdPattern = /^[a-zA-Z0-9_-]{1,64}$/
const adminRoles = new Set(['admin'])

const iso = (date: Date) => date.toISOString()
const isoOrNull = (date: Date | null) => (date ? date.toISOString() : null)

/**
 * Stream Video's server-side state, in memory: call types, users, calls and their life cycle (backstage, live,
 * ended), sessions and participants, recordings. Operations throw StreamApiError the way Stream refuses; every
 * change Stream would announce is handed to `emit` as a webhook event.
 */
export function createEmulatedVideo({ apiKey, now, knownCapabilities, emit }: EmulatedVideoDependencies) {
  const callTypes = new Map<string, StoredCallType>()
  const users = new Map<string, StoredUser>()
  const calls = new Map<string, StoredCall>()

  function seedBuiltInCallTypes() {
    const at = now()
    for (const builtIn of builtInCallTypes()) {
      callTypes.set(builtIn.name, {
        name: builtIn.name,
        grants: builtIn.grants,
        settings: mergeSettings(defaultCallSettings(), builtIn.settings),
        notificationSettings: defaultNotificationSettings(),
        createdAt: at,
        updatedAt: at,
      })
    }
  }
  seedBuiltInCallTypes()

  // ---- users ----

  function ensureUser(id: string): StoredUser {
    let user = users.get(id)
    if (!user) {
      const at = now()
      // Stream creates users it is told about in passing (a call's creator, a member) with the defaults.
      user = { id, role: 'user', custom: {}, language: '', teams: [], invisible: false, createdAt: at, updatedAt: at }
      users.set(id, user)
    }
    return user
  }

  function upsertUser(operation: string, request: Fields): StoredUser {
    const id = readString(operation, request, 'id')
    if (!id) throw inputError(operation, 'user id is a required field', { id: 'is a required field' })
    const at = now()
    const existing = users.get(id)
    const name = readString(operation, request, 'name')
    const image = readString(operation, request, 'image')
    const user: StoredUser = {
      id,
      ...(name !== undefined ? { name } : {}),
      ...(image !== undefined ? { image } : {}),
      role: readString(operation, request, 'role') ?? 'user',
      custom: readObject(operation, request, 'custom') ?? {},
      language: readString(operation, request, 'language') ?? '',
      teams: (readArray(operation, request, 'teams') ?? []).map(String),
      invisible: readBoolean(operation, request, 'invisible'),
      createdAt: existing?.createdAt ?? at,
      updatedAt: at,
    }
    users.set(id, user)
    return user
  }

  function userResponse(user: StoredUser): StreamUserResponse {
    return {
      id: user.id,
      ...(user.name !== undefined ? { name: user.name } : {}),
      ...(user.image !== undefined ? { image: user.image } : {}),
      custom: user.custom,
      language: user.language,
      role: user.role,
      teams: user.teams,
      created_at: iso(user.createdAt),
      updated_at: iso(user.updatedAt),
      banned: false,
      online: false,
      blocked_user_ids: [],
      shadow_banned: false,
      invisible: user.invisible,
    }
  }

  function fullUserResponse(user: StoredUser) {
    return {
      ...userResponse(user),
      devices: [],
      mutes: [],
      channel_mutes: [],
      unread_count: 0,
      total_unread_count: 0,
      unread_channels: 0,
      unread_threads: 0,
    }
  }

  // ---- call types ----

  function requireCallType(operation: string, name: string): StoredCallType {
    const callType = callTypes.get(name)
    if (!callType) throw doesNotExist(operation, `call type ${name} does not exist`)
    return callType
  }

  function readGrants(operation: string, body: Fields): Record<string, string[]> | undefined {
    const grants = readObject(operation, body, 'grants')
    if (!grants) return undefined
    const read: Record<string, string[]> = {}
    for (const [role, capabilities] of Object.entries(grants)) {
      if (!Array.isArray(capabilities) || capabilities.some((capability) => typeof capability !== 'string')) {
        throw inputError(operation, `grants.${role} must be a list of capabilities`, { [`grants.${role}`]: 'must be a list of strings' })
      }
      const unknown = knownCapabilities ? capabilities.filter((capability: string) => !knownCapabilities.has(capability)) : []
      if (unknown.length > 0) {
        throw inputError(operation, `grants.${role} names unknown capabilities: ${unknown.join(', ')}`, {
          [`grants.${role}`]: `unknown capabilities: ${unknown.join(', ')}`,
        })
      }
      read[role] = [...new Set(capabilities as string[])]
    }
    return read
  }

  function callTypeResponse(callType: StoredCallType) {
    return {
      name: callType.name,
      grants: callType.grants,
      settings: callType.settings,
      notification_settings: callType.notificationSettings,
      ...(callType.externalStorage !== undefined ? { external_storage: callType.externalStorage } : {}),
      created_at: iso(callType.createdAt),
      updated_at: iso(callType.updatedAt),
    }
  }

  // ---- calls ----

  const cidOf = (type: string, id: string) => `${type}:${id}`

  function requireCall(operation: string, type: string, id: string): StoredCall {
    requireCallType(operation, type)
    const call = calls.get(cidOf(type, id))
    if (!call) throw doesNotExist(operation, `call ${cidOf(type, id)} does not exist`)
    return call
  }

  function effectiveSettings(call: StoredCall): SettingsTree {
    const callType = callTypes.get(call.type)
    return mergeSettings(callType?.settings ?? defaultCallSettings(), call.settingsOverride)
  }

  function capabilitiesOf(callType: string, role: string): Set<string> {
    if (adminRoles.has(role)) return new Set(knownCapabilities ?? ['join-call', 'join-backstage', 'read-call'])
    return new Set(callTypes.get(callType)?.grants[role] ?? [])
  }

  function startSessionIfNone(call: StoredCall): StoredSession {
    if (call.session && !call.session.endedAt) return call.session
    const session: StoredSession = { id: randomUUID(), startedAt: now(), liveStartedAt: null, liveEndedAt: null, endedAt: null, participants: [] }
    call.session = session
    emit({ ...eventBase('call.session_started', call), session_id: session.id, call: callResponse(call) })
    return session
  }

  function eventBase(type: string, call: StoredCall) {
    return { type, call_cid: cidOf(call.type, call.id), created_at: iso(now()) }
  }

  function participantResponse(participant: StoredParticipant): StreamParticipantResponse {
    return {
      user: userResponse(ensureUser(participant.userId)),
      user_session_id: participant.userSessionId,
      role: participant.role,
      joined_at: iso(participant.joinedAt),
    }
  }

  function sessionResponse(session: StoredSession): StreamSessionResponse {
    const countByRole: Record<string, number> = {}
    for (const participant of session.participants) countByRole[participant.role] = (countByRole[participant.role] ?? 0) + 1
    return {
      id: session.id,
      participants: session.participants.map(participantResponse),
      participants_count_by_role: countByRole,
      anonymous_participant_count: 0,
      rejected_by: {},
      accepted_by: {},
      missed_by: {},
      started_at: iso(session.startedAt),
      live_started_at: isoOrNull(session.liveStartedAt),
      live_ended_at: isoOrNull(session.liveEndedAt),
      ended_at: isoOrNull(session.endedAt),
    }
  }

  function callResponse(call: StoredCall): StreamCallResponse {
    const cid = cidOf(call.type, call.id)
    const settings = effectiveSettings(call)
    return {
      type: call.type,
      id: call.id,
      cid,
      current_session_id: call.session?.id ?? '',
      created_by: userResponse(ensureUser(call.createdById)),
      custom: call.custom,
      created_at: iso(call.createdAt),
      updated_at: iso(call.updatedAt),
      starts_at: isoOrNull(call.startsAt),
      ended_at: isoOrNull(call.endedAt),
      recording: call.activeRecording !== null,
      transcribing: false,
      captioning: false,
      translating: false,
      backstage: call.backstage,
      settings,
      join_ahead_time_seconds: readBackstage(settings).joinAheadSeconds,
      blocked_user_ids: [],
      ...(call.team !== undefined ? { team: call.team } : {}),
      // The emulator carries no media: ingress addresses are well-formed but lead nowhere (.invalid).
      ingress: {
        rtmp: { address: `rtmps://ingress.stream-emulator.invalid:443/${apiKey}/${cid}` },
        whip: { address: `https://ingress.stream-emulator.invalid/whip/${apiKey}/${cid}` },
        srt: { address: `srt://ingress.stream-emulator.invalid:7001?streamid=${cid}&passphrase={passphrase}&token={token}` },
      },
      egress: {
        broadcasting: call.hlsPlaylistUrl !== null,
        hls: { playlist_url: call.hlsPlaylistUrl ?? '', status: call.hlsPlaylistUrl ? 'running' : '' },
        rtmps: [],
      },
      session: call.session ? sessionResponse(call.session) : null,
    }
  }

  function memberResponses(call: StoredCall, limit?: number) {
    const members = [...call.members.values()].slice(0, limit ?? Number.POSITIVE_INFINITY)
    return members.map((member) => ({
      user: userResponse(ensureUser(member.userId)),
      user_id: member.userId,
      custom: member.custom,
      ...(member.role !== undefined ? { role: member.role } : {}),
      created_at: iso(member.createdAt),
      updated_at: iso(member.updatedAt),
    }))
  }

  function addMembers(operation: string, call: StoredCall, requests: unknown[]) {
    const at = now()
    for (const [index, request] of requests.entries()) {
      const userId = isFields(request) ? readString(operation, request, 'user_id') : undefined
      if (!isFields(request) || !userId) {
        throw inputError(operation, `data.members[${index}].user_id is a required field`, {
          [`data.members[${index}].user_id`]: 'is a required field',
        })
      }
      ensureUser(userId)
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

  function stopRecording(call: StoredCall, at: Date) {
    const recording = call.activeRecording
    if (!recording) return
    recording.stoppedAt = at
    call.recordingsToDeliver.push(recording)
    call.activeRecording = null
    emit({ ...eventBase('call.recording_stopped', call), egress_id: recording.egressId, recording_type: 'composite' })
  }

  function stopHls(call: StoredCall) {
    if (call.hlsPlaylistUrl === null) return
    call.hlsPlaylistUrl = null
    emit({ ...eventBase('call.hls_broadcasting_stopped', call) })
  }

  function removeParticipant(call: StoredCall, participant: StoredParticipant, at: Date) {
    const session = call.session
    if (!session) return
    session.participants = session.participants.filter((candidate) => candidate !== participant)
    emit({
      ...eventBase('call.session_participant_left', call),
      session_id: session.id,
      participant: participantResponse(participant),
      duration_seconds: Math.max(0, Math.floor((at.getTime() - participant.joinedAt.getTime()) / 1000)),
    })
  }

  function checkJoinRules(call: StoredCall, role: string) {
    const operation = 'JoinCall'
    const cid = cidOf(call.type, call.id)
    const capabilities = capabilitiesOf(call.type, role)
    if (!capabilities.has('join-call')) throw notAllowed(operation, `role ${role} may not join calls of type ${call.type}`)
    if (call.backstage && !capabilities.has('join-backstage')) {
      const { joinAheadSeconds } = readBackstage(effectiveSettings(call))
      const opensAt = call.startsAt && joinAheadSeconds > 0 ? call.startsAt.getTime() - joinAheadSeconds * 1000 : undefined
      if (opensAt === undefined || now().getTime() < opensAt) {
        throw notAllowed(operation, `call ${cid} is in backstage and role ${role} may not join backstage`)
      }
    }
  }

  function describe(call: StoredCall): EmulatedCallState {
    const ended = call.endedAt !== null
    return {
      ...structuredClone(callResponse(call)),
      live: !call.backstage && !ended,
      ended,
      hlsPlaylistUrl: call.hlsPlaylistUrl,
      participants: (call.session?.endedAt ? [] : (call.session?.participants ?? [])).map((participant) => ({
        userId: participant.userId,
        userSessionId: participant.userSessionId,
        role: participant.role,
        joinedAt: iso(participant.joinedAt),
      })),
      members: [...call.members.values()].map((member) => ({ userId: member.userId, role: member.role ?? null })),
      recordings: structuredClone(call.recordings),
    }
  }

  return {
    reset() {
      callTypes.clear()
      users.clear()
      calls.clear()
      seedBuiltInCallTypes()
    },

    // ---- call types ----

    listCallTypes() {
      return { call_types: Object.fromEntries([...callTypes.values()].map((callType) => [callType.name, callTypeResponse(callType)])) }
    },

    createCallType(body: Fields) {
      const operation = 'CreateCallType'
      const name = readString(operation, body, 'name')
      if (!name) throw inputError(operation, 'name is a required field', { name: 'is a required field' })
      if (!/^[a-zA-Z0-9_-]{1,64}$/.test(name)) {
        throw inputError(operation, 'name may only contain letters, digits, _ and - (at most 64)', { name: 'invalid call type name' })
      }
      if (callTypes.has(name)) throw inputError(operation, `call type with name ${name} already exists`)
      const at = now()
      const externalStorage = readString(operation, body, 'external_storage')
      const callType: StoredCallType = {
        name,
        grants: readGrants(operation, body) ?? {},
        settings: mergeSettings(defaultCallSettings(), readObject(operation, body, 'settings')),
        notificationSettings: mergeSettings(defaultNotificationSettings(), readObject(operation, body, 'notification_settings')),
        ...(externalStorage !== undefined ? { externalStorage } : {}),
        createdAt: at,
        updatedAt: at,
      }
      callTypes.set(name, callType)
      return callTypeResponse(callType)
    },

    getCallType(name: string) {
      return callTypeResponse(requireCallType('GetCallType', name))
    },

    updateCallType(name: string, body: Fields) {
      const operation = 'UpdateCallType'
      const callType = requireCallType(operation, name)
      const grants = readGrants(operation, body)
      // Grants are replaced role by role: roles the request does not name keep theirs.
      if (grants) callType.grants = { ...callType.grants, ...grants }
      callType.settings = mergeSettings(callType.settings, readObject(operation, body, 'settings'))
      callType.notificationSettings = mergeSettings(callType.notificationSettings, readObject(operation, body, 'notification_settings'))
      const externalStorage = readString(operation, body, 'external_storage')
      if (externalStorage !== undefined) callType.externalStorage = externalStorage
      callType.updatedAt = now()
      return callTypeResponse(callType)
    },

    deleteCallType(name: string) {
      requireCallType('DeleteCallType', name)
      callTypes.delete(name)
      return {}
    },

    // ---- users ----

    upsertUsers(body: Fields) {
      const operation = 'UpdateUsers'
      const requests = readObject(operation, body, 'users')
      if (!requests) throw inputError(operation, 'users is a required field', { users: 'is a required field' })
      const upserted: Record<string, ReturnType<typeof fullUserResponse>> = {}
      for (const [key, request] of Object.entries(requests)) {
        if (!isFields(request)) throw inputError(operation, `users.${key} must be an object`, { [`users.${key}`]: 'must be an object' })
        const user = upsertUser(operation, request)
        upserted[user.id] = fullUserResponse(user)
      }
      return { users: upserted, membership_deletion_task_id: '' }
    },

    // ---- calls ----

    getOrCreateCall(type: string, id: string, body: Fields) {
      const operation = 'GetOrCreateCall'
      const callType = requireCallType(operation, type)
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
      const createdById = readString(operation, data, 'created_by_id') ?? (createdByRequest ? upsertUser(operation, createdByRequest).id : undefined)
      if (!createdById) {
        throw inputError(operation, 'either data.created_by or data.created_by_id must be provided when using server side auth', {
          'data.created_by_id': 'is required with server-side auth',
        })
      }
      ensureUser(createdById)
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
      emit({ ...eventBase('call.created', call), call: callResponse(call), members: memberResponses(call) })
      return { created: true, call: callResponse(call), members: memberResponses(call, membersLimit), own_capabilities: [] }
    },

    getCall(type: string, id: string, membersLimit?: number) {
      const call = requireCall('GetCall', type, id)
      return { call: callResponse(call), members: memberResponses(call, membersLimit), own_capabilities: [] }
    },

    updateCall(type: string, id: string, body: Fields) {
      const operation = 'UpdateCall'
      const call = requireCall(operation, type, id)
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
      const capabilitiesByRole = callTypes.get(type)?.grants ?? {}
      emit({ ...eventBase('call.updated', call), call: callResponse(call), capabilities_by_role: capabilitiesByRole })
      return { call: callResponse(call), members: memberResponses(call), own_capabilities: [] }
    },

    /** Out of backstage; HLS and recording start as asked. `mediaBaseUrl` is where the emulator serves HLS playlists. */
    goLive(type: string, id: string, body: Fields, mediaBaseUrl: string) {
      const operation = 'GoLive'
      const call = requireCall(operation, type, id)
      if (call.endedAt) throw inputError(operation, `call ${cidOf(type, id)} has ended and cannot go live again`)
      const at = now()
      const session = startSessionIfNone(call)
      const wasLive = !call.backstage && session.liveStartedAt !== null
      call.backstage = false
      session.liveStartedAt ??= at
      session.liveEndedAt = null
      call.updatedAt = at
      if (!wasLive) emit({ ...eventBase('call.live_started', call), call: callResponse(call) })

      if (readBoolean(operation, body, 'start_hls') && call.hlsPlaylistUrl === null) {
        call.hlsPlaylistUrl = `${mediaBaseUrl}/hls/${encodeURIComponent(type)}/${encodeURIComponent(id)}/${session.id}/playlist.m3u8`
        emit({ ...eventBase('call.hls_broadcasting_started', call), call: callResponse(call), hls_playlist_url: call.hlsPlaylistUrl })
      }
      const startsRecording = readBoolean(operation, body, 'start_recording') || readBoolean(operation, body, 'start_composite_recording')
      if (startsRecording && !call.activeRecording) {
        call.activeRecording = { egressId: randomUUID(), sessionId: session.id, startedAt: at, stoppedAt: null }
        emit({ ...eventBase('call.recording_started', call), egress_id: call.activeRecording.egressId, recording_type: 'composite' })
      }
      return { call: callResponse(call) }
    },

    /** Back to backstage; HLS and recording stop unless asked to continue. */
    stopLive(type: string, id: string, body: Fields) {
      const operation = 'StopLive'
      const call = requireCall(operation, type, id)
      const at = now()
      call.backstage = true
      if (call.session && call.session.liveStartedAt && !call.session.liveEndedAt) call.session.liveEndedAt = at
      if (!readBoolean(operation, body, 'continue_hls')) stopHls(call)
      if (!readBoolean(operation, body, 'continue_recording') && !readBoolean(operation, body, 'continue_composite_recording')) {
        stopRecording(call, at)
      }
      call.updatedAt = at
      return { call: callResponse(call) }
    },

    /** Ends the call for everyone: egress stops, participants leave, the session ends. Ending twice changes nothing. */
    endCall(type: string, id: string) {
      const call = requireCall('EndCall', type, id)
      if (call.endedAt) return {}
      const at = now()
      call.endedAt = at
      call.updatedAt = at
      emit({ ...eventBase('call.ended', call), call: callResponse(call) })
      stopHls(call)
      stopRecording(call, at)
      const session = call.session
      if (session && !session.endedAt) {
        for (const participant of [...session.participants]) removeParticipant(call, participant, at)
        if (session.liveStartedAt && !session.liveEndedAt) session.liveEndedAt = at
        session.endedAt = at
        emit({ ...eventBase('call.session_ended', call), session_id: session.id, call: callResponse(call) })
      }
      return {}
    },

    deleteCall(type: string, id: string, body: Fields) {
      const operation = 'DeleteCall'
      const call = requireCall(operation, type, id)
      const hard = readBoolean(operation, body, 'hard')
      calls.delete(cidOf(type, id))
      const deleted = callResponse(call)
      emit({ ...eventBase('call.deleted', call), call: deleted })
      return { call: deleted, ...(hard ? { task_id: randomUUID() } : {}) }
    },

    listRecordings(type: string, id: string) {
      return { recordings: structuredClone(requireCall('ListRecordings', type, id).recordings) }
    },

    // ---- test and development hooks ----

    /**
     * Someone joins the call, as Stream's SFU would report it: the join already passed Stream's checks, so only
     * an ended call refuses. With `checkJoinRules`, the join is refused the way Stream refuses a client: a role
     * without `join-call`, or a backstage call for a role without `join-backstage` outside the join-ahead window.
     */
    joinParticipant(type: string, id: string, userId: string, options: { role?: string; checkJoinRules?: boolean } = {}): ParticipantState {
      const operation = 'JoinCall'
      const call = requireCall(operation, type, id)
      if (call.endedAt) throw inputError(operation, `call ${cidOf(type, id)} has ended`)
      ensureUser(userId)
      const role = options.role ?? call.members.get(userId)?.role ?? users.get(userId)?.role ?? 'user'
      if (options.checkJoinRules) checkJoinRules(call, role)
      const session = startSessionIfNone(call)
      const participant: StoredParticipant = { userId, userSessionId: randomUUID(), role, joinedAt: now() }
      session.participants.push(participant)
      emit({ ...eventBase('call.session_participant_joined', call), session_id: session.id, participant: participantResponse(participant) })
      return { userId, userSessionId: participant.userSessionId, role, joinedAt: iso(participant.joinedAt) }
    },

    /** The user's most recent connection to the call leaves (a user may be connected from several devices). */
    leaveParticipant(type: string, id: string, userId: string): ParticipantState & { durationSeconds: number } {
      const operation = 'LeaveCall'
      const call = requireCall(operation, type, id)
      const participant = call.session?.endedAt ? undefined : call.session?.participants.findLast((candidate) => candidate.userId === userId)
      if (!participant) throw doesNotExist(operation, `user ${userId} is not in call ${cidOf(type, id)}`)
      const at = now()
      removeParticipant(call, participant, at)
      return {
        userId,
        userSessionId: participant.userSessionId,
        role: participant.role,
        joinedAt: iso(participant.joinedAt),
        durationSeconds: Math.max(0, Math.floor((at.getTime() - participant.joinedAt.getTime()) / 1000)),
      }
    },

    /**
     * The composite recording of the call becomes available (Stream takes a while after recording stops). Uses the
     * oldest stretch of recording not yet delivered, else the one in progress, else the last minute of the session.
     */
    makeRecordingReady(type: string, id: string, mediaBaseUrl: string): CallRecordingRecord {
      const call = requireCall('RecordingReady', type, id)
      const at = now()
      const window = call.recordingsToDeliver.shift() ??
        call.activeRecording ?? {
          egressId: randomUUID(),
          sessionId: call.session?.id ?? randomUUID(),
          startedAt: call.session?.startedAt ?? new Date(at.getTime() - 60_000),
          stoppedAt: at,
        }
      const endTime = window.stoppedAt ?? at
      const filename = `rec_${type}_${id}_${window.startedAt.toISOString().replace(/[-:.]/g, '')}.mp4`
      const recording: CallRecordingRecord = {
        filename,
        url: `${mediaBaseUrl}/recordings/${encodeURIComponent(type)}/${encodeURIComponent(id)}/${filename}`,
        start_time: iso(window.startedAt),
        end_time: iso(endTime),
        session_id: window.sessionId,
        recording_type: 'composite',
      }
      call.recordings.push(recording)
      emit({ ...eventBase('call.recording_ready', call), call_recording: recording, egress_id: window.egressId, recording_type: 'composite' })
      return structuredClone(recording)
    },

    /** One connection leaves (the same user may be in the call from two tabs); false when it was no longer in. */
    leaveParticipantSession(type: string, id: string, userSessionId: string): boolean {
      const call = calls.get(cidOf(type, id))
      const participant = call?.session?.endedAt ? undefined : call?.session?.participants.find((candidate) => candidate.userSessionId === userSessionId)
      if (!call || !participant) return false
      removeParticipant(call, participant, now())
      return true
    },

    /** Who is in the call now, by role, as Stream's call state counts them; null for an unknown call. */
    countParticipants(type: string, id: string): { total: number; byRole: Record<string, number>; isEnded: boolean } | null {
      const call = calls.get(cidOf(type, id))
      if (!call) return null
      const participants = call.session?.endedAt ? [] : (call.session?.participants ?? [])
      const byRole: Record<string, number> = {}
      for (const participant of participants) byRole[participant.role] = (byRole[participant.role] ?? 0) + 1
      return { total: participants.length, byRole, isEnded: call.endedAt !== null }
    },

    describeCall(type: string, id: string): EmulatedCallState | undefined {
      const call = calls.get(cidOf(type, id))
      return call ? describe(call) : undefined
    },
  }
}

export type EmulatedVideo = ReturnType<typeof createEmulatedVideo>
