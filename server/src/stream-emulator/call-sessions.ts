import { randomUUID } from 'node:crypto'
import type { CallAccess } from './call-access.ts'
import type { CallEgress } from './call-egress.ts'
import type { CallResponses, ParticipantState } from './call-responses.ts'
import {
  cidOf,
  iso,
  requireCall,
  type CallRecordingRecord,
  type EmulatorState,
  type StoredCall,
  type StoredParticipant,
  type StoredSession,
} from './emulator-state.ts'
import { doesNotExist } from './stream-errors.ts'
import type { EmulatedUsers } from './users.ts'
import { callEventBase } from './webhooks.ts'

/** One connection to a call as local presence shows it (snake case, as it goes to the browser). */
export interface PresentParticipant {
  user_id: string
  /** The user's name as the server upserted it; null when they have none. */
  name: string | null
  /** Their role in the call now (see CallAccess.roleOfParticipant). */
  role: string
  user_session_id: string
  joined_at: string
  /** They hold send-audio or send-video. */
  can_publish: boolean
  /** Their own capabilities now: their role's, plus grants, minus revocations. */
  capabilities: string[]
}

export interface CallPresence {
  participantCount: number
  countByRole: Record<string, number>
  participants: PresentParticipant[]
  isEnded: boolean
}

/**
 * What happens inside a call, as Stream's SFU and egress report it: the session (started by the first join or by
 * going live, ended with the call), who is connected to it (every join checked like Stream checks a client's), and
 * the composite recording made ready after it stopped.
 */
export function createCallSessions(state: EmulatorState, users: EmulatedUsers, access: CallAccess, egress: CallEgress, responses: CallResponses) {
  const { calls, now, emit } = state

  function startSessionIfNone(call: StoredCall): StoredSession {
    if (call.session && !call.session.endedAt) return call.session
    const session: StoredSession = { id: randomUUID(), startedAt: now(), liveStartedAt: null, liveEndedAt: null, endedAt: null, participants: [] }
    call.session = session
    emit({ ...callEventBase('call.session_started', call, now()), session_id: session.id, call: responses.callResponse(call) })
    egress.startAutoOnCaptions(call)
    return session
  }

  function removeParticipant(call: StoredCall, participant: StoredParticipant, at: Date) {
    const session = call.session
    if (!session) return
    session.participants = session.participants.filter((candidate) => candidate !== participant)
    emit({
      ...callEventBase('call.session_participant_left', call, now()),
      session_id: session.id,
      participant: responses.participantResponse(participant),
      duration_seconds: Math.max(0, Math.floor((at.getTime() - participant.joinedAt.getTime()) / 1000)),
    })
  }

  return {
    startSessionIfNone,

    /** Everyone leaves and the session ends (the call ended). */
    endSession(call: StoredCall, at: Date) {
      const session = call.session
      if (!session || session.endedAt) return
      for (const participant of [...session.participants]) removeParticipant(call, participant, at)
      if (session.liveStartedAt && !session.liveEndedAt) session.liveEndedAt = at
      session.endedAt = at
      emit({ ...callEventBase('call.session_ended', call, now()), session_id: session.id, call: responses.callResponse(call) })
    },

    /** Every connection of the user leaves (kicked or blocked), each with its participant-left event. */
    removeUser(call: StoredCall, userId: string, at: Date): void {
      if (!call.session || call.session.endedAt) return
      for (const participant of call.session.participants.filter((candidate) => candidate.userId === userId)) removeParticipant(call, participant, at)
    },

    listRecordings(type: string, id: string) {
      return { recordings: structuredClone(requireCall(state, 'ListRecordings', type, id).recordings) }
    },

    /** A ready recording of the call by its file name (what its URL serves); undefined once the call is deleted. */
    findRecording(type: string, id: string, filename: string): CallRecordingRecord | undefined {
      return calls.get(cidOf(type, id))?.recordings.find((recording) => recording.filename === filename)
    },

    /**
     * Someone joins the call, as Stream's SFU would report it, after the checks Stream makes of every join (see
     * CallAccess.checkJoin). `role` is what the joiner's token gives them in this call (a call token's role); without
     * one their membership or app role applies. A user connecting for the first time is created, as connectUser does.
     */
    joinParticipant(type: string, id: string, userId: string, options: { role?: string; name?: string } = {}): ParticipantState {
      const call = requireCall(state, 'JoinCall', type, id)
      users.ensureConnectedUser(userId, options.name)
      const role = access.roleOf(call, userId, options.role)
      access.checkJoin(call, userId, role)
      const session = startSessionIfNone(call)
      const participant: StoredParticipant = {
        userId,
        userSessionId: randomUUID(),
        role,
        ...(options.role !== undefined ? { tokenRole: options.role } : {}),
        joinedAt: now(),
      }
      session.participants.push(participant)
      emit({ ...callEventBase('call.session_participant_joined', call, now()), session_id: session.id, participant: responses.participantResponse(participant) })
      return { userId, userSessionId: participant.userSessionId, role, joinedAt: iso(participant.joinedAt) }
    },

    /** The user's most recent connection to the call leaves (a user may be connected from several devices). */
    leaveParticipant(type: string, id: string, userId: string): ParticipantState & { durationSeconds: number } {
      const operation = 'LeaveCall'
      const call = requireCall(state, operation, type, id)
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

    /** One connection leaves (the same user may be in the call from two tabs); false when it was no longer in. */
    leaveParticipantSession(type: string, id: string, userSessionId: string): boolean {
      const call = calls.get(cidOf(type, id))
      const participant = call?.session?.endedAt ? undefined : call?.session?.participants.find((candidate) => candidate.userSessionId === userSessionId)
      if (!call || !participant) return false
      removeParticipant(call, participant, now())
      return true
    },

    /** Whether a connection is still in the call (a kick or block takes it out). */
    isConnected(type: string, id: string, userSessionId: string): boolean {
      const session = calls.get(cidOf(type, id))?.session
      return !!session && !session.endedAt && session.participants.some((participant) => participant.userSessionId === userSessionId)
    },

    /**
     * Who is in the call now, as local presence reports it: the counts as Stream's call state has them (by the role
     * each joined with), and each connection with the user's name, their role now and what they may do now (a grant,
     * a revocation or a membership change shows at once). Null for an unknown call.
     */
    presenceIn(type: string, id: string): CallPresence | null {
      const call = calls.get(cidOf(type, id))
      if (!call) return null
      const connected = call.session?.endedAt ? [] : (call.session?.participants ?? [])
      const countByRole: Record<string, number> = {}
      for (const participant of connected) countByRole[participant.role] = (countByRole[participant.role] ?? 0) + 1
      const participants = connected.map((participant): PresentParticipant => {
        const role = access.roleOfParticipant(call, participant)
        const capabilities = [...access.capabilitiesOf(call, participant.userId, role)]
        return {
          user_id: participant.userId,
          name: users.userResponseOf(participant.userId).name ?? null,
          role,
          user_session_id: participant.userSessionId,
          joined_at: iso(participant.joinedAt),
          can_publish: capabilities.includes('send-audio') || capabilities.includes('send-video'),
          capabilities,
        }
      })
      return { participantCount: connected.length, countByRole, participants, isEnded: call.endedAt !== null }
    },

    /**
     * The composite recording of the call becomes available (Stream takes a while after recording stops). Uses the
     * oldest stretch of recording not yet delivered, else the one in progress, else the last minute of the session.
     */
    makeRecordingReady(type: string, id: string, mediaBaseUrl: string): CallRecordingRecord {
      const call = requireCall(state, 'RecordingReady', type, id)
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
      emit({ ...callEventBase('call.recording_ready', call, now()), call_recording: recording, egress_id: window.egressId, recording_type: 'composite' })
      return structuredClone(recording)
    },
  }
}

export type CallSessions = ReturnType<typeof createCallSessions>
