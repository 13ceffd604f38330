import { iso, type EmulatorState, type StoredUser } from './emulator-state.ts'
import { isFields, readArray, readBoolean, readObject, readString, type Fields } from './request-fields.ts'
import type { EmulatedRoles } from './roles.ts'
import { inputError } from './stream-errors.ts'

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

/**
 * Stream's users: upserted by the server (UpdateUsers), or created with defaults when they connect with a token
 * of their own (the browser SDK's connectUser upserts its user before it joins a call). Nothing else creates a
 * user: a call's creator and members must already exist.
 */
export function createUsers({ users, now }: EmulatorState, roles: EmulatedRoles) {
  function newUser(id: string): StoredUser {
    const at = now()
    return { id, role: 'user', custom: {}, language: '', teams: [], invisible: false, createdAt: at, updatedAt: at }
  }

  /**
   * The user connecting with a token, created with the defaults if this is their first connection. A name the client
   * connects with becomes the user's, as video-client's connectUser upserts `{ id, name }`.
   */
  function ensureConnectedUser(id: string, name?: string): StoredUser {
    let user = users.get(id)
    if (!user) {
      user = newUser(id)
      users.set(id, user)
    }
    if (name && user.name !== name) {
      user.name = name
      user.updatedAt = now()
    }
    return user
  }

  function upsertUser(operation: string, request: Fields): StoredUser {
    const id = readString(operation, request, 'id')
    if (!id) throw inputError(operation, 'user id is a required field', { id: 'is a required field' })
    const role = readString(operation, request, 'role') ?? 'user'
    // "you can specify any existing role" (https://getstream.io/video/docs/api/authentication/).
    roles.requireExistingRole(operation, role, `users.${id}.role`)
    const at = now()
    const existing = users.get(id)
    const name = readString(operation, request, 'name')
    const image = readString(operation, request, 'image')
    const user: StoredUser = {
      id,
      ...(name !== undefined ? { name } : {}),
      ...(image !== undefined ? { image } : {}),
      role,
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

  return {
    ensureConnectedUser,
    upsertUser,
    userResponse,

    /** The user as Stream shows them; one the emulator never met (a blocked id, say) reads as a fresh user, unstored. */
    userResponseOf(id: string): StreamUserResponse {
      return userResponse(users.get(id) ?? newUser(id))
    },

    /** The app role of a user (`user` for one never upserted). */
    appRoleOf(id: string): string {
      return users.get(id)?.role ?? 'user'
    },

    /** Refuses (400, code 4) ids of users never upserted, naming them all, as Stream does for call members. */
    requireExistingUsers(operation: string, ids: readonly string[], field: string): void {
      const missing = [...new Set(ids.filter((id) => !users.has(id)))]
      if (missing.length === 0) return
      throw inputError(operation, `The following users are not existing users: ${missing.join(', ')} (upsert them with UpdateUsers first)`, {
        [field]: `not existing users: ${missing.join(', ')}`,
      })
    },

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
  }
}

export type EmulatedUsers = ReturnType<typeof createUsers>
