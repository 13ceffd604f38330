import { readBackstage, type SettingsTree } from './call-settings.ts'
import type { EmulatedCallTypes } from './call-types.ts'
import {
  cidOf,
  iso,
  isoOrNull,
  type CallRecordingRecord,
  type EmulatorState,
  type StoredCall,
  type StoredMember,
  type StoredParticipant,
  type StoredSession,
} from './emulator-state.ts'
import type { EmulatedUsers, StreamUserResponse } from './users.ts'

export interface ParticipantState {
  userId: string
  userSessionId: string
  role: string
  joinedAt: string
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

/** How Stream shows a call, its members, session and participants; and how the emulator's test hooks show it. */
export function createCallResponses({ apiKey, mediaBaseUrl }: EmulatorState, users: EmulatedUsers, callTypes: EmulatedCallTypes) {
  function participantResponse(participant: StoredParticipant): StreamParticipantResponse {
    return {
      user: users.userResponseOf(participant.userId),
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
    const settings = callTypes.effectiveSettings(call)
    return {
      type: call.type,
      id: call.id,
      cid,
      current_session_id: call.session?.id ?? '',
      created_by: users.userResponseOf(call.createdById),
      custom: call.custom,
      created_at: iso(call.createdAt),
      updated_at: iso(call.updatedAt),
      starts_at: isoOrNull(call.startsAt),
      ended_at: isoOrNull(call.endedAt),
      recording: call.activeRecording !== null,
      transcribing: false,
      captioning: call.captioning,
      translating: false,
      backstage: call.backstage,
      settings,
      join_ahead_time_seconds: readBackstage(settings).joinAheadSeconds,
      blocked_user_ids: [...call.blockedUserIds],
      ...(call.team !== undefined ? { team: call.team } : {}),
      ingress: ingressOf(call),
      egress: {
        broadcasting: call.hlsPlaylistUrl !== null,
        hls: { playlist_url: call.hlsPlaylistUrl ?? '', status: call.hlsPlaylistUrl ? 'running' : '' },
        rtmps: [],
      },
      session: call.session ? sessionResponse(call.session) : null,
    }
  }

  /**
   * Where an encoder sends media into the call (CallIngressResponse, every address required). Shaped like Stream's
   * (`rtmps://ingress.stream-io-video.com:443/<api_key>.<type>.<id>`, the stream key being a user token) but on
   * the emulator's host, which takes no media: the addresses lead nowhere.
   */
  function ingressOf(call: StoredCall) {
    const base = new URL(mediaBaseUrl())
    const streamName = `${apiKey}.${call.type}.${call.id}`
    return {
      rtmp: { address: `rtmp://${base.hostname}:1935/${streamName}` },
      whip: { address: `${mediaBaseUrl()}/whip/${streamName}` },
      srt: { address: `srt://${base.hostname}:7001?streamid=${streamName}&passphrase={passphrase}&token={token}` },
    }
  }

  function memberResponse(member: StoredMember) {
    return {
      user: users.userResponseOf(member.userId),
      user_id: member.userId,
      custom: member.custom,
      ...(member.role !== undefined ? { role: member.role } : {}),
      created_at: iso(member.createdAt),
      updated_at: iso(member.updatedAt),
    }
  }

  function memberResponses(call: StoredCall, limit?: number) {
    return [...call.members.values()].slice(0, limit ?? Number.POSITIVE_INFINITY).map(memberResponse)
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

  return { participantResponse, callResponse, memberResponse, memberResponses, describe }
}

export type CallResponses = ReturnType<typeof createCallResponses>
