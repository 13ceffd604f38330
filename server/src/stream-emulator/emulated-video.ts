import { createCallResponses } from './call-responses.ts'
import { createCallSessions } from './call-sessions.ts'
import { createCallTypes } from './call-types.ts'
import { createCalls } from './calls.ts'
import { createEmulatorState, type EmulatedVideoDependencies } from './emulator-state.ts'
import { createUsers } from './users-and-tokens.ts'

/**
 * Stream Video's server-side state, in memory: call types, users, calls and their life cycle (backstage, live,
 * ended), sessions and participants, recordings. One module per resource over one shared state; this puts them
 * together as the operations the plugin routes to. Operations throw StreamApiError the way Stream refuses; every
 * change Stream would announce is handed to `emit` as a webhook event.
 */
export function createEmulatedVideo(dependencies: EmulatedVideoDependencies) {
  const state = createEmulatorState(dependencies)
  const users = createUsers(state)
  const callTypes = createCallTypes(state)
  const responses = createCallResponses(state, users, callTypes)
  const sessions = createCallSessions(state, users, callTypes, responses)
  const calls = createCalls(state, users, responses, sessions)
  callTypes.seedBuiltInCallTypes()

  return {
    reset() {
      state.callTypes.clear()
      state.users.clear()
      state.calls.clear()
      callTypes.seedBuiltInCallTypes()
    },

    listCallTypes: callTypes.listCallTypes,
    createCallType: callTypes.createCallType,
    getCallType: callTypes.getCallType,
    updateCallType: callTypes.updateCallType,
    deleteCallType: callTypes.deleteCallType,

    upsertUsers: users.upsertUsers,

    getOrCreateCall: calls.getOrCreateCall,
    getCall: calls.getCall,
    updateCall: calls.updateCall,
    goLive: calls.goLive,
    stopLive: calls.stopLive,
    endCall: calls.endCall,
    deleteCall: calls.deleteCall,
    listRecordings: sessions.listRecordings,

    // Test and development hooks: what Stream's SFU and egress would cause, and the call as the emulator sees it.
    joinParticipant: sessions.joinParticipant,
    leaveParticipant: sessions.leaveParticipant,
    makeRecordingReady: sessions.makeRecordingReady,
    leaveParticipantSession: sessions.leaveParticipantSession,
    countParticipants: sessions.countParticipants,
    describeCall: calls.describeCall,
  }
}

export type EmulatedVideo = ReturnType<typeof createEmulatedVideo>
