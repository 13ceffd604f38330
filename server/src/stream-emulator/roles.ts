import { iso, type EmulatorState, type StoredRole } from './emulator-state.ts'
import { readString, type Fields } from './request-fields.ts'
import { inputError } from './stream-errors.ts'

/**
 * The roles a fresh Stream app has. Call roles (what call types grant capabilities to) per
 * https://getstream.io/video/docs/api/call_types/permissions/ ("5 pre-defined call roles": user, moderator, host,
 * admin, call-member, whose grants key is `call_member`); app roles per https://getstream.io/video/docs/api/authentication/
 * (user, admin, guest, anonymous); and the chat roles every app shares with Chat (channel_member, channel_moderator).
 */
export const builtInRoleNames = ['admin', 'anonymous', 'call_member', 'channel_member', 'channel_moderator', 'guest', 'host', 'moderator', 'user'] as const

const roleNamePattern = /^[a-zA-Z0-9_-]{1,64}$/

/** A role as Stream lists it (Role): built-in ones are not custom; scopes are not modelled. */
function roleResponse(role: StoredRole) {
  return { name: role.name, custom: role.isCustom, scopes: [], created_at: iso(role.createdAt), updated_at: iso(role.updatedAt) }
}

/**
 * Stream's roles (ListRoles, CreateRole): the built-in ones and those the server creates. Every role a request names
 * (a call type's grants, a member's role, a user's role) must be one of them, as Stream refuses unknown roles.
 */
export function createRoles(state: EmulatorState) {
  const { roles, now } = state

  return {
    seedBuiltInRoles() {
      const at = now()
      for (const name of builtInRoleNames) roles.set(name, { name, isCustom: false, createdAt: at, updatedAt: at })
    },

    /** Refuses (400, code 4) a role that is neither built in nor created; `field` names where it was given. */
    requireExistingRole(operation: string, role: string, field: string): void {
      if (!roles.has(role)) {
        throw inputError(operation, `${field} names role "${role}", which does not exist (create it with CreateRole first)`, {
          [field]: `role ${role} does not exist`,
        })
      }
    },

    listRoles() {
      return { roles: [...roles.values()].map(roleResponse) }
    },

    createRole(body: Fields) {
      const operation = 'CreateRole'
      const name = readString(operation, body, 'name')
      if (!name) throw inputError(operation, 'name is a required field', { name: 'is a required field' })
      if (!roleNamePattern.test(name)) {
        throw inputError(operation, 'name may only contain letters, digits, _ and - (at most 64)', { name: 'invalid role name' })
      }
      if (roles.has(name)) throw inputError(operation, `role ${name} already exists`, { name: 'already exists' })
      const at = now()
      const role: StoredRole = { name, isCustom: true, createdAt: at, updatedAt: at }
      roles.set(name, role)
      return { role: roleResponse(role) }
    },
  }
}

export type EmulatedRoles = ReturnType<typeof createRoles>
