import type { CallAccess } from './call-access.ts'
import type { CallSessions } from './call-sessions.ts'
import { accessRequestSettingOf, isAccessRequestEnabled, isRequestablePermission } from './call-settings.ts'
import type { EmulatedCallTypes } from './call-types.ts'
import { cidOf, requireCall, type EmulatorState, type StoredCall } from './emulator-state.ts'
import { readArray, readBoolean, readString, type Fields } from './request-fields.ts'
import { inputError } from './stream-errors.ts'
import type { EmulatedUsers } from './users.ts'
import { callEventBase } from './webhooks.ts'

/**
 * Keeping people in line (https://getstream.io/video/docs/api/moderation/overview/): blocking a user from a call and
 * unblocking them (BlockUser, UnblockUser: the call's `blocked_user_ids`), kicking them out (KickUser, optionally
 * blocking too), muting (MuteUsers: no media here, so only the request is checked), a user asking to publish
 * (RequestPermission, the raised hand) and granting or revoking publishing in one call (UpdateUserPermissions).
 * Blocking or kicking someone who is in the call takes every connection of theirs out, each with its participant-left
 * event. `actorId` is the user who acted through a client route; server requests act as nobody in particular.
 */
export function createCallModeration(state: EmulatorState, users: EmulatedUsers, callTypes: EmulatedCallTypes, access: CallAccess, sessions: CallSessions) {
  const { now, emit } = state

  function requireUserId(operation: string, body: Fields): string {
    const userId = readString(operation, body, 'user_id')
    if (!userId) throw inputError(operation, 'user_id is a required field', { user_id: 'is a required field' })
    return userId
  }

  function block(call: StoredCall, userId: string, actorId: string | undefined): void {
    if (call.blockedUserIds.has(userId)) return
    call.blockedUserIds.add(userId)
    call.updatedAt = now()
    emit({
      ...callEventBase('call.blocked_user', call, now()),
      user: users.userResponseOf(userId),
      ...(actorId ? { blocked_by_user: users.userResponseOf(actorId) } : {}),
    })
  }

  return {
    blockUser(type: string, id: string, body: Fields, actorId?: string) {
      const operation = 'BlockUser'
      const call = requireCall(state, operation, type, id)
      const userId = requireUserId(operation, body)
      block(call, userId, actorId)
      sessions.removeUser(call, userId, now())
      return {}
    },

    /** Lets a blocked user back in; announced only when they were blocked. */
    unblockUser(type: string, id: string, body: Fields) {
      const operation = 'UnblockUser'
      const call = requireCall(state, operation, type, id)
      const userId = requireUserId(operation, body)
      if (call.blockedUserIds.delete(userId)) {
        call.updatedAt = now()
        emit({ ...callEventBase('call.unblocked_user', call, now()), user: users.userResponseOf(userId) })
      }
      return {}
    },

    /** Takes the user out of the call now (they may join again unless `block`). */
    kickUser(type: string, id: string, body: Fields, actorId?: string) {
      const operation = 'KickUser'
      const call = requireCall(state, operation, type, id)
      const userId = requireUserId(operation, body)
      const kickedById = actorId ?? readString(operation, body, 'kicked_by_id')
      if (readBoolean(operation, body, 'block')) block(call, userId, kickedById)
      emit({
        ...callEventBase('call.kicked_user', call, now()),
        user: users.userResponseOf(userId),
        ...(kickedById ? { kicked_by_user: users.userResponseOf(kickedById) } : {}),
      })
      sessions.removeUser(call, userId, now())
      return {}
    },

    /** Stream mutes tracks through the SFU; the emulator carries none, so only the request is checked. */
    muteUsers(type: string, id: string, body: Fields) {
      const operation = 'MuteUsers'
      requireCall(state, operation, type, id)
      const userIds = readArray(operation, body, 'user_ids') ?? []
      if (!readBoolean(operation, body, 'mute_all_users') && userIds.length === 0) {
        throw inputError(operation, 'either user_ids or mute_all_users must be given', { user_ids: 'is required without mute_all_users' })
      }
      return {}
    },

    /**
     * A user asks for capabilities (video-client's `Call.requestPermissions`, `permissions` already checked to be
     * send-audio, send-video or screenshare), announced as `call.permission_request` to whoever may grant them.
     * Refused (400, code 4) when the call's settings do not let users ask for one of them
     * (`audio`/`video`/`screensharing.access_request_enabled`, off by default), as video-client's `canRequest` refuses
     * it before asking. Asking grants nothing: UpdateUserPermissions does.
     */
    requestPermission(type: string, id: string, userId: string, body: Fields) {
      const operation = 'RequestPermission'
      const call = requireCall(state, operation, type, id)
      const permissions = (readArray(operation, body, 'permissions') ?? []).filter(isRequestablePermission)
      const settings = callTypes.effectiveSettings(call)
      const refused = permissions.filter((permission) => !isAccessRequestEnabled(settings, permission))
      if (refused.length > 0) {
        const reasons = refused.map((permission) => `${permission} (${accessRequestSettingOf(permission)} is off)`)
        throw inputError(operation, `call ${cidOf(type, id)} does not let users ask for ${reasons.join(', ')}`, {
          permissions: `not requestable in this call: ${refused.join(', ')}`,
        })
      }
      emit({ ...callEventBase('call.permission_request', call, now()), user: users.userResponseOf(userId), permissions })
      return {}
    },

    /** Grants or revokes send-audio, send-video or screenshare for one user in this call, over what their role gives. */
    updateUserPermissions(type: string, id: string, body: Fields) {
      const operation = 'UpdateUserPermissions'
      const call = requireCall(state, operation, type, id)
      const userId = requireUserId(operation, body)
      const readCapabilities = (field: string) => (readArray(operation, body, field) ?? []).filter((value): value is string => typeof value === 'string')
      const permissions = call.userPermissions.get(userId) ?? { granted: new Set<string>(), revoked: new Set<string>() }
      for (const capability of readCapabilities('grant_permissions')) {
        permissions.granted.add(capability)
        permissions.revoked.delete(capability)
      }
      for (const capability of readCapabilities('revoke_permissions')) {
        permissions.revoked.add(capability)
        permissions.granted.delete(capability)
      }
      call.userPermissions.set(userId, permissions)
      // What they may do now in the call they are in: a viewer's call token keeps its role under the grant.
      const ownCapabilities = [...access.capabilitiesOf(call, userId, access.currentRoleOf(call, userId))]
      emit({ ...callEventBase('call.permissions_updated', call, now()), user: users.userResponseOf(userId), own_capabilities: ownCapabilities })
      return {}
    },
  }
}

export type CallModeration = ReturnType<typeof createCallModeration>
