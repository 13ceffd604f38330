import type { SettingsTree } from './call-settings.ts'
import type { Fields } from './request-fields.ts'
import { doesNotExist, inputError } from './stream-errors.ts'
import type { StreamEvent } from './webhooks.ts'

/** A finished recording as Stream lists it (CallRecording); kept as sent. */
export interface CallRecordingRecord {
  filename: string
  url: string
  start_time: string
  end_time: string
  session_id: string
  recording_type: string
}

export interface StoredUser {
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

export interface StoredCallType {
  name: string
  grants: Record<string, string[]>
  settings: SettingsTree
  notificationSettings: SettingsTree
  externalStorage?: string
  createdAt: Date
  updatedAt: Date
}

/** A role Stream knows: built in (a fresh app's) or created through CreateRole. */
export interface StoredRole {
  name: string
  isCustom: boolean
  createdAt: Date
  updatedAt: Date
}

export interface StoredMember {
  userId: string
  role?: string
  custom: Fields
  createdAt: Date
  updatedAt: Date
}

export interface StoredParticipant {
  userId: string
  userSessionId: string
  /** Their role when they joined, as Stream's session reports it. */
  role: string
  /** The role the token they joined with gives them in this call (a call token naming it); else none. */
  tokenRole?: string
  joinedAt: Date
}

export interface StoredSession {
  id: string
  startedAt: Date
  liveStartedAt: Date | null
  liveEndedAt: Date | null
  endedAt: Date | null
  participants: StoredParticipant[]
}

/** A stretch of recording: open while recording, closed when it stopped, until it is made ready. */
export interface RecordingWindow {
  egressId: string
  sessionId: string
  startedAt: Date
  stoppedAt: Date | null
}

export interface StoredCall {
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
  /** Users who may not join or use the call (BlockUser, KickUser with block) until unblocked. */
  blockedUserIds: Set<string>
  /** Closed captions are running (StartClosedCaptions, GoLive start_closed_caption, auto-on). */
  captioning: boolean
  /** Capabilities granted to or revoked from one user in this call (UpdateUserPermissions), over their role's. */
  userPermissions: Map<string, { granted: Set<string>; revoked: Set<string> }>
}

export interface EmulatedVideoDependencies {
  apiKey: string
  now: () => Date
  /** Capabilities Stream knows (the OpenAPI document's OwnCapability enum); grants naming others are refused. */
  knownCapabilities: ReadonlySet<string>
  emit: (event: StreamEvent) => void
  /** Where the emulator is reached (`{protocol}://{host}{prefix}` of the last API request): ingress addresses point there. */
  mediaBaseUrl: () => string
}

/**
 * Stream Video's server-side state, in memory, shared by the resource modules (roles, call types, users, calls, sessions):
 * the maps, the clock, and `emit`, which every change Stream would announce goes through as a webhook event.
 */
export interface EmulatorState extends EmulatedVideoDependencies {
  callTypes: Map<string, StoredCallType>
  roles: Map<string, StoredRole>
  users: Map<string, StoredUser>
  /** By cid (`type:id`). */
  calls: Map<string, StoredCall>
}

export function createEmulatorState(dependencies: EmulatedVideoDependencies): EmulatorState {
  return { ...dependencies, callTypes: new Map(), roles: new Map(), users: new Map(), calls: new Map() }
}

export const cidOf = (type: string, id: string) => `${type}:${id}`

export const iso = (date: Date) => date.toISOString()
export const isoOrNull = (date: Date | null) => (date ? date.toISOString() : null)

/** The call type, or Stream's 404 (code 16). */
export function requireCallType({ callTypes }: EmulatorState, operation: string, name: string): StoredCallType {
  const callType = callTypes.get(name)
  if (!callType) throw doesNotExist(operation, `call type ${name} does not exist`)
  return callType
}

/** The call, or Stream's 404 (code 16) for an unknown call or a call of an unknown type. */
export function requireCall(state: EmulatorState, operation: string, type: string, id: string): StoredCall {
  requireCallType(state, operation, type)
  const call = state.calls.get(cidOf(type, id))
  if (!call) throw doesNotExist(operation, `call ${cidOf(type, id)} does not exist`)
  return call
}

/** Stream refuses changes to a call that has ended (400, code 4); it can still be read, ended again or deleted. */
export function refuseIfEnded(operation: string, call: StoredCall): void {
  if (call.endedAt) throw inputError(operation, `call ${cidOf(call.type, call.id)} has ended`)
}
