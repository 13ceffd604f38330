import { readBackstage, readLimits } from './call-settings.ts'
import type { EmulatedCallTypes } from './call-types.ts'
import { cidOf, type EmulatorState, type StoredCall, type StoredParticipant } from './emulator-state.ts'
import { notAllowed } from './stream-errors.ts'
import type { EmulatedUsers } from './users.ts'

/**
 * Who may do what in a call, as Stream decides it for a user (server tokens may do anything and never come here).
 *
 * A user's call role: the role a call token for this call gives them (see tokenRoleIn), else their membership role
 * (`call_member` for a member without one), else their app role. Their capabilities: what the call type grants that
 * one role, plus what UpdateUserPermissions granted them in this call, minus what it revoked. A member's own role
 * replaces `call_member`; the two are not added up.
 */
export function createCallAccess(state: EmulatorState, users: EmulatedUsers, callTypes: EmulatedCallTypes) {
  const { now } = state

  function roleOf(call: StoredCall, userId: string, tokenRole?: string): string {
    if (tokenRole !== undefined) return tokenRole
    const member = call.members.get(userId)
    if (member) return member.role ?? 'call_member'
    return users.appRoleOf(userId)
  }

  function capabilitiesOf(call: StoredCall, userId: string, role: string): Set<string> {
    const capabilities = callTypes.grantsOf(call.type, role)
    const overrides = call.userPermissions.get(userId)
    for (const granted of overrides?.granted ?? []) capabilities.add(granted)
    for (const revoked of overrides?.revoked ?? []) capabilities.delete(revoked)
    return capabilities
  }

  /**
   * A connection's role now: the role its token gave it in this call, else the user's membership or app role as they
   * are now (a membership added, changed or removed while they are connected applies at once).
   */
  function roleOfParticipant(call: StoredCall, participant: StoredParticipant): string {
    return roleOf(call, participant.userId, participant.tokenRole)
  }

  /**
   * The user's role now, for what the server does to them (UpdateUserPermissions): that of their latest connection
   * to the call if they are in it, else as for a request whose token does not name the call.
   */
  function currentRoleOf(call: StoredCall, userId: string): string {
    const connection = call.session?.endedAt ? undefined : call.session?.participants.findLast((participant) => participant.userId === userId)
    return connection ? roleOfParticipant(call, connection) : roleOf(call, userId)
  }

  /** Who counts against `limits.max_participants`: not the excluded roles, nor the call's creator when the owner is excluded. */
  function isCounted(call: StoredCall, userId: string, role: string): boolean {
    const { excludedRoles, isOwnerExcluded } = readLimits(callTypes.effectiveSettings(call))
    return !excludedRoles.includes(role) && !(isOwnerExcluded && userId === call.createdById)
  }

  /**
   * Refuses a join the way Stream refuses one (403, code 17): a blocked user; an ended call without
   * `join-ended-call`; no `join-call`; backstage without `join-backstage` before `join_ahead_time_seconds` opens it;
   * a full call (`limits.max_participants`, the SFU's CALL_PARTICIPANT_LIMIT_REACHED).
   */
  function checkJoin(call: StoredCall, userId: string, role: string): void {
    const operation = 'JoinCall'
    const cid = cidOf(call.type, call.id)
    if (call.blockedUserIds.has(userId)) throw notAllowed(operation, `user ${userId} is blocked from call ${cid}`)
    const capabilities = capabilitiesOf(call, userId, role)
    if (call.endedAt && !capabilities.has('join-ended-call')) throw notAllowed(operation, `call ${cid} has ended`)
    if (!capabilities.has('join-call')) throw notAllowed(operation, `role ${role} may not join calls of type ${call.type} (no join-call)`)
    if (call.backstage && !capabilities.has('join-backstage')) {
      const { joinAheadSeconds } = readBackstage(callTypes.effectiveSettings(call))
      const opensAt = call.startsAt && joinAheadSeconds > 0 ? call.startsAt.getTime() - joinAheadSeconds * 1000 : undefined
      if (opensAt === undefined || now().getTime() < opensAt) {
        throw notAllowed(operation, `call ${cid} is in backstage and role ${role} may not join backstage`)
      }
    }
    const { maxParticipants } = readLimits(callTypes.effectiveSettings(call))
    if (maxParticipants > 0 && isCounted(call, userId, role)) {
      const present = call.session?.endedAt ? [] : (call.session?.participants ?? [])
      const counted = present.filter((participant) => isCounted(call, participant.userId, participant.role)).length
      if (counted >= maxParticipants) {
        throw notAllowed(operation, `call ${cid} is full: ${maxParticipants} participants (CALL_PARTICIPANT_LIMIT_REACHED)`)
      }
    }
  }

  return {
    roleOf,
    roleOfParticipant,
    currentRoleOf,
    capabilitiesOf,
    checkJoin,

    /** A user acting on a call through their own token: their role, capabilities, and `require` refusing what they lack. */
    accessOf(operation: string, call: StoredCall, userId: string, tokenRole: string | undefined) {
      const cid = cidOf(call.type, call.id)
      // A blocked user is kept out of the call altogether ("prevent from accessing again":
      // https://getstream.io/video/docs/api/moderation/overview/).
      if (call.blockedUserIds.has(userId)) throw notAllowed(operation, `user ${userId} is blocked from call ${cid}`)
      const role = roleOf(call, userId, tokenRole)
      const capabilities = capabilitiesOf(call, userId, role)
      return {
        role,
        capabilities,
        /** Stream's "NotAllowed" (403, code 17) for a capability the caller's role lacks. */
        require(...needed: string[]) {
          const missing = needed.filter((capability) => !capabilities.has(capability))
          if (missing.length > 0) throw notAllowed(operation, `role ${role} in call ${cid} lacks ${missing.join(', ')}`)
        },
        checkJoin: () => checkJoin(call, userId, role),
      }
    },
  }
}

export type CallAccess = ReturnType<typeof createCallAccess>
