import type { CallResponses } from './call-responses.ts'
import { refuseIfEnded, requireCall, type EmulatorState, type StoredCall, type StoredMember } from './emulator-state.ts'
import { isFields, readArray, readObject, readString, type Fields } from './request-fields.ts'
import type { EmulatedRoles } from './roles.ts'
import { inputError } from './stream-errors.ts'
import type { EmulatedUsers } from './users.ts'
import { callEventBase } from './webhooks.ts'

interface MemberRequest {
  userId: string
  role: string | undefined
  custom: Fields | undefined
}

/**
 * A call's members (MemberRequest), given when the call is created (GetOrCreateCall `data.members`) or changed later
 * (UpdateCallMembers). Like Stream, every member must be an existing user ("The following users are not existing
 * users") and every role an existing role; the whole request is refused before anything changes.
 */
export function createCallMembers(state: EmulatorState, users: EmulatedUsers, roles: EmulatedRoles, responses: CallResponses) {
  const { now, emit } = state

  function readMemberRequests(operation: string, requests: unknown[], field: string): MemberRequest[] {
    const read = requests.map((request, index): MemberRequest => {
      const userId = isFields(request) ? readString(operation, request, 'user_id') : undefined
      if (!isFields(request) || !userId) {
        throw inputError(operation, `${field}[${index}].user_id is a required field`, { [`${field}[${index}].user_id`]: 'is a required field' })
      }
      const role = readString(operation, request, 'role')
      if (role !== undefined) roles.requireExistingRole(operation, role, `${field}[${index}].role`)
      return { userId, role, custom: readObject(operation, request, 'custom') }
    })
    users.requireExistingUsers(operation, read.map((member) => member.userId), field)
    return read
  }

  /** Adds or changes members; what a request leaves out (role, custom) a member keeps. Returns the new and the changed. */
  function upsertMembers(call: StoredCall, requests: MemberRequest[]): { added: StoredMember[]; updated: StoredMember[] } {
    const at = now()
    const added: StoredMember[] = []
    const updated: StoredMember[] = []
    for (const request of requests) {
      const existing = call.members.get(request.userId)
      const role = request.role ?? existing?.role
      const member: StoredMember = {
        userId: request.userId,
        ...(role !== undefined ? { role } : {}),
        custom: request.custom ?? existing?.custom ?? {},
        createdAt: existing?.createdAt ?? at,
        updatedAt: at,
      }
      call.members.set(request.userId, member)
      ;(existing ? updated : added).push(member)
    }
    return { added, updated }
  }

  return {
    /** The members a new call is created with (checked before the call exists, so a refusal creates nothing). */
    readInitialMembers(operation: string, data: Fields): MemberRequest[] {
      return readMemberRequests(operation, readArray(operation, data, 'members') ?? [], 'data.members')
    },

    addInitialMembers(call: StoredCall, requests: MemberRequest[]): void {
      upsertMembers(call, requests)
    },

    /** UpdateCallMembers: `update_members` added or changed, `remove_members` removed (an id that is no member is ignored). */
    updateCallMembers(type: string, id: string, body: Fields) {
      const operation = 'UpdateCallMembers'
      const call = requireCall(state, operation, type, id)
      refuseIfEnded(operation, call)
      const requests = readMemberRequests(operation, readArray(operation, body, 'update_members') ?? [], 'update_members')
      const removals = (readArray(operation, body, 'remove_members') ?? []).map((userId, index) => {
        if (typeof userId !== 'string') throw inputError(operation, `remove_members[${index}] must be a string`, { [`remove_members[${index}]`]: 'must be a string' })
        return userId
      })

      const { added, updated } = upsertMembers(call, requests)
      const removed = removals.filter((userId) => call.members.delete(userId))
      call.updatedAt = now()

      const memberResponsesOf = (members: StoredMember[]) => members.map(responses.memberResponse)
      if (added.length > 0) emit({ ...callEventBase('call.member_added', call, now()), call: responses.callResponse(call), members: memberResponsesOf(added) })
      if (updated.length > 0) emit({ ...callEventBase('call.member_updated', call, now()), call: responses.callResponse(call), members: memberResponsesOf(updated) })
      if (removed.length > 0) emit({ ...callEventBase('call.member_removed', call, now()), call: responses.callResponse(call), members: removed })
      return { members: memberResponsesOf([...added, ...updated]) }
    },
  }
}

export type CallMembers = ReturnType<typeof createCallMembers>
