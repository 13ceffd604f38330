import { createCallAccess } from './call-access.ts'
import { createCallEgress } from './call-egress.ts'
import { createCallMembers } from './call-members.ts'
import { createCallModeration } from './call-moderation.ts'
import { createCallResponses } from './call-responses.ts'
import { createCallSessions } from './call-sessions.ts'
import { createCallTypes } from './call-types.ts'
import { createCalls } from './calls.ts'
import { cidOf, createEmulatorState, requireCall, requireCallType, type EmulatedVideoDependencies } from './emulator-state.ts'
import { isFields, type Fields } from './request-fields.ts'
import { createRoles } from './roles.ts'
import { notAllowed } from './stream-errors.ts'
import { createUsers } from './users.ts'

/**
 * Stream Video's server-side state, in memory: roles, call types, users, calls and their life cycle (backstage,
 * live, ended), members, sessions and participants, egress (HLS, recording, captions), moderation. One module per
 * resource over one shared state; this puts them together as the operations the plugin routes to. Operations throw
 * StreamApiError the way Stream refuses; every change Stream would announce is handed to `emit` as a webhook event.
 */
export function createEmulatedVideo(dependencies: EmulatedVideoDependencies) {
  const state = createEmulatorState(dependencies)
  const roles = createRoles(state)
  const users = createUsers(state, roles)
  const callTypes = createCallTypes(state, roles)
  const responses = createCallResponses(state, users, callTypes)
  const access = createCallAccess(state, users, callTypes)
  const egress = createCallEgress(state, callTypes, responses)
  const sessions = createCallSessions(state, users, access, egress, responses)
  const members = createCallMembers(state, users, roles, responses)
  const moderation = createCallModeration(state, users, callTypes, access, sessions)
  const calls = createCalls(state, users, members, responses, sessions, egress)

  function seed() {
    roles.seedBuiltInRoles()
    callTypes.seedBuiltInCallTypes()
  }
  seed()

  return {
    reset() {
      state.roles.clear()
      state.callTypes.clear()
      state.users.clear()
      state.calls.clear()
      seed()
    },

    listRoles: roles.listRoles,
    createRole: roles.createRole,

    listCallTypes: callTypes.listCallTypes,
    createCallType: callTypes.createCallType,
    getCallType: callTypes.getCallType,
    updateCallType: callTypes.updateCallType,
    deleteCallType: callTypes.deleteCallType,

    upsertUsers: users.upsertUsers,

    getOrCreateCall: calls.getOrCreateCall,
    getCall: calls.getCall,
    updateCall: calls.updateCall,
    updateCallMembers: members.updateCallMembers,
    goLive: calls.goLive,
    stopLive: calls.stopLive,
    endCall: calls.endCall,
    deleteCall: calls.deleteCall,
    listRecordings: sessions.listRecordings,
    findRecording: sessions.findRecording,

    startHlsBroadcasting: egress.startHlsBroadcasting,
    stopHlsBroadcasting: egress.stopHlsBroadcasting,
    startRecording: egress.startRecordingOf,
    stopRecording: egress.stopRecordingOf,
    startClosedCaptions: egress.startClosedCaptions,
    stopClosedCaptions: egress.stopClosedCaptions,

    blockUser: moderation.blockUser,
    unblockUser: moderation.unblockUser,
    kickUser: moderation.kickUser,
    muteUsers: moderation.muteUsers,
    updateUserPermissions: moderation.updateUserPermissions,
    requestPermission: moderation.requestPermission,

    /** A user (browser SDK) connects with their token: created with defaults the first time, as connectUser does. */
    connectUser: (userId: string) => void users.ensureConnectedUser(userId),
    /** What a user may do in a call (`tokenRole`: what their token gives them there, see tokenRoleIn); 404 for an unknown call. */
    callerAccess(operation: string, type: string, id: string, userId: string, tokenRole: string | undefined) {
      return access.accessOf(operation, requireCall(state, operation, type, id), userId, tokenRole)
    },
    callExists: (type: string, id: string) => state.calls.has(cidOf(type, id)),
    /**
     * A user creating a call through their own token (JoinCall or GetOrCreateCall with a call that does not exist
     * yet): their role (`tokenRole`, else their app role) needs `create-call` on the type; they are its creator.
     */
    createCallAs(operation: string, type: string, id: string, userId: string, tokenRole: string | undefined, body: Fields) {
      requireCallType(state, operation, type)
      const role = tokenRole ?? users.appRoleOf(userId)
      if (!callTypes.grantsOf(type, role).has('create-call')) throw notAllowed(operation, `role ${role} may not create calls of type ${type} (no create-call)`)
      const data = isFields(body.data) ? body.data : {}
      return calls.getOrCreateCall(type, id, { ...body, data: { ...data, created_by_id: userId } })
    },

    // Test and development hooks: what Stream's SFU and egress would cause, and the call as the emulator sees it.
    joinParticipant: sessions.joinParticipant,
    leaveParticipant: sessions.leaveParticipant,
    makeRecordingReady: sessions.makeRecordingReady,
    leaveParticipantSession: sessions.leaveParticipantSession,
    isConnected: sessions.isConnected,
    presenceIn: sessions.presenceIn,
    describeCall: calls.describeCall,
    describeCalls: calls.describeCalls,
  }
}

export type EmulatedVideo = ReturnType<typeof createEmulatedVideo>
