import { createVerifier, TOKEN_ERROR_CODES } from 'fast-jwt'
import { iso, type EmulatorState, type StoredUser } from './emulator-state.ts'
import { isFields, readArray, readBoolean, readObject, readString, type Fields } from './request-fields.ts'
import { authenticationError, inputError, StreamApiError, streamErrorCodes } from './stream-errors.ts'

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

/** Stream's users: upserted by the server (UpdateUsers), or created in passing as a call's creator, member or participant. */
export function createUsers({ users, now }: EmulatorState) {
  function ensureUser(id: string): StoredUser {
    let user = users.get(id)
    if (!user) {
      const at = now()
      // Stream creates users it is told about in passing (a call's creator, a member) with the defaults.
      user = { id, role: 'user', custom: {}, language: '', teams: [], invisible: false, createdAt: at, updatedAt: at }
      users.set(id, user)
    }
    return user
  }

  function upsertUser(operation: string, request: Fields): StoredUser {
    const id = readString(operation, request, 'id')
    if (!id) throw inputError(operation, 'user id is a required field', { id: 'is a required field' })
    const at = now()
    const existing = users.get(id)
    const name = readString(operation, request, 'name')
    const image = readString(operation, request, 'image')
    const user: StoredUser = {
      id,
      ...(name !== undefined ? { name } : {}),
      ...(image !== undefined ? { image } : {}),
      role: readString(operation, request, 'role') ?? 'user',
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
    ensureUser,
    upsertUser,
    userResponse,

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

// ---- server tokens (every REST request) ----

export interface ServerRequestCredentials {
  apiKey: unknown
  authorization: string | undefined
  authType: string | undefined
}

const tokenErrorCodes: Partial<Record<string, number>> = {
  [TOKEN_ERROR_CODES.expired]: streamErrorCodes.tokenExpired,
  [TOKEN_ERROR_CODES.inactive]: streamErrorCodes.tokenNotValidYet,
  [TOKEN_ERROR_CODES.invalidSignature]: streamErrorCodes.tokenSignatureInvalid,
}

/**
 * Checks a server-side request the way Stream does: `?api_key=` names the app, `Authorization` carries a JWT
 * (bare, no "Bearer") signed HS256 with the app's secret and claiming `server: true`, and
 * `stream-auth-type: jwt` says so. Returns the refusal, or null when the request may go on.
 */
export function createServerAuthenticator({ apiKey, apiSecret }: { apiKey: string; apiSecret: string }) {
  const verify = createVerifier({ key: apiSecret, algorithms: ['HS256'], cache: true })

  return function authenticate({ apiKey: givenKey, authorization, authType }: ServerRequestCredentials): StreamApiError | null {
    if (typeof givenKey !== 'string' || givenKey === '') {
      return authenticationError(streamErrorCodes.accessKey, 'api_key is missing from the query string')
    }
    if (givenKey !== apiKey) return authenticationError(streamErrorCodes.accessKey, `api_key ${givenKey} was not found`)
    if (!authorization) return authenticationError(streamErrorCodes.authentication, 'the Authorization header is missing')
    if (/^bearer\s/i.test(authorization)) {
      return authenticationError(
        streamErrorCodes.authentication,
        'the Authorization header must be the JWT itself, without "Bearer"',
      )
    }
    if (authType?.toLowerCase() !== 'jwt') {
      return authenticationError(streamErrorCodes.authentication, 'the stream-auth-type header must be "jwt" for server-side requests')
    }
    let claims: Record<string, unknown>
    try {
      claims = verify(authorization) as Record<string, unknown>
    } catch (error) {
      const tokenErrorCode = (error as { code?: unknown }).code
      const code = (typeof tokenErrorCode === 'string' ? tokenErrorCodes[tokenErrorCode] : undefined) ?? streamErrorCodes.authentication
      const reason = error instanceof Error ? error.message : 'unreadable token'
      return authenticationError(code, `JWTAuth error: ${reason}`)
    }
    if (claims.server !== true) {
      return authenticationError(streamErrorCodes.authentication, 'JWTAuth error: server-side requests need a token with "server": true')
    }
    return null
  }
}

export type ServerAuthenticator = ReturnType<typeof createServerAuthenticator>

// ---- user tokens (the browser, in local mode) ----

export interface UserTokenClaims {
  userId: string
  role: string | undefined
}

/**
 * Checks a user (browser) token the way Stream's coordinator does: HS256 with the app's secret, a `user_id`,
 * not expired, and, for a call token, the call among its `call_cids`. Returns the claims or Stream's refusal.
 */
export function createUserTokenVerifier(apiSecret: string, now: () => Date) {
  // Expiry is checked against the emulator's clock below, so tests that move time are obeyed.
  const verify = createVerifier({ key: apiSecret, algorithms: ['HS256'], ignoreExpiration: true, ignoreNotBefore: true })
  return function verifyUserToken(authorization: string | undefined, cid: string): UserTokenClaims | StreamApiError {
    if (!authorization) return authenticationError(streamErrorCodes.authentication, 'the Authorization header is missing')
    let claims: Record<string, unknown>
    try {
      claims = verify(authorization.replace(/^bearer\s+/i, '')) as Record<string, unknown>
    } catch (error) {
      const code = (error as { code?: unknown }).code === 'FAST_JWT_INVALID_SIGNATURE' ? streamErrorCodes.tokenSignatureInvalid : streamErrorCodes.authentication
      return authenticationError(code, `JWTAuth error: ${error instanceof Error ? error.message : 'unreadable token'}`)
    }
    if (typeof claims.exp === 'number' && claims.exp * 1000 <= now().getTime()) {
      return authenticationError(streamErrorCodes.tokenExpired, 'JWTAuth error: token has expired')
    }
    if (typeof claims.user_id !== 'string' || claims.user_id === '') {
      return authenticationError(streamErrorCodes.authentication, 'JWTAuth error: the token has no user_id')
    }
    const callCids = claims.call_cids
    if (Array.isArray(callCids) && !callCids.includes(cid)) {
      return new StreamApiError(403, streamErrorCodes.notAllowed, `JoinCall failed with error: "the token is not valid for call ${cid}"`)
    }
    return { userId: claims.user_id, role: typeof claims.role === 'string' ? claims.role : undefined }
  }
}
