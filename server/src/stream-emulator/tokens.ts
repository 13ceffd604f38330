import { createVerifier, TOKEN_ERROR_CODES } from 'fast-jwt'
import { authenticationError, StreamApiError, streamErrorCodes } from './stream-errors.ts'

// Stream's two kinds of caller: the server (a token claiming `server: true`, on /api/v2) and a user (a token
// with `user_id`, on the browser SDK's /video paths and local presence). Neither is accepted where the other goes.

export interface RequestCredentials {
  apiKey: unknown
  authorization: string | undefined
  authType: string | undefined
}

const tokenErrorCodes: Partial<Record<string, number>> = {
  [TOKEN_ERROR_CODES.expired]: streamErrorCodes.tokenExpired,
  [TOKEN_ERROR_CODES.inactive]: streamErrorCodes.tokenNotValidYet,
  [TOKEN_ERROR_CODES.invalidSignature]: streamErrorCodes.tokenSignatureInvalid,
}

function tokenRefusal(error: unknown): StreamApiError {
  const tokenErrorCode = (error as { code?: unknown }).code
  const code = (typeof tokenErrorCode === 'string' ? tokenErrorCodes[tokenErrorCode] : undefined) ?? streamErrorCodes.authentication
  return authenticationError(code, `JWTAuth error: ${error instanceof Error ? error.message : 'unreadable token'}`)
}

/** `?api_key=` names the app (401, code 2), `Authorization` is a bare JWT and `stream-auth-type: jwt` says so (401, code 5). */
function checkEnvelope(apiKey: string, { apiKey: givenKey, authorization, authType }: RequestCredentials, who: string): StreamApiError | string {
  if (typeof givenKey !== 'string' || givenKey === '') return authenticationError(streamErrorCodes.accessKey, 'api_key is missing from the query string')
  if (givenKey !== apiKey) return authenticationError(streamErrorCodes.accessKey, `api_key ${givenKey} was not found`)
  if (!authorization) return authenticationError(streamErrorCodes.authentication, 'the Authorization header is missing')
  if (/^bearer\s/i.test(authorization)) {
    return authenticationError(streamErrorCodes.authentication, 'the Authorization header must be the JWT itself, without "Bearer"')
  }
  if (authType?.toLowerCase() !== 'jwt') {
    return authenticationError(streamErrorCodes.authentication, `the stream-auth-type header must be "jwt" for ${who} requests`)
  }
  return authorization
}

/**
 * Checks a server-side request the way Stream does: the envelope above, and a JWT signed HS256 with the app's
 * secret claiming `server: true`. Returns the refusal, or null when the request may go on.
 */
export function createServerAuthenticator({ apiKey, apiSecret }: { apiKey: string; apiSecret: string }) {
  const verify = createVerifier({ key: apiSecret, algorithms: ['HS256'], cache: true })

  return function authenticate(credentials: RequestCredentials): StreamApiError | null {
    const token = checkEnvelope(apiKey, credentials, 'server-side')
    if (token instanceof StreamApiError) return token
    let claims: Record<string, unknown>
    try {
      claims = verify(token) as Record<string, unknown>
    } catch (error) {
      return tokenRefusal(error)
    }
    if (claims.server !== true) {
      return authenticationError(streamErrorCodes.authentication, 'JWTAuth error: server-side requests need a token with "server": true')
    }
    return null
  }
}

export type ServerAuthenticator = ReturnType<typeof createServerAuthenticator>

/** What a user token says, as Stream's coordinator reads it. */
export interface UserTokenClaims {
  userId: string
  /** A call token's calls (`type:id`); undefined for a plain user token. */
  callCids: string[] | undefined
  /** A call token's `role` claim, which applies only in the calls it names. */
  role: string | undefined
}

/**
 * The role a token gives its holder in `cid`: a call token naming the call gives its `role` (`call_member` when it
 * has none); any other token gives nothing there, so the membership or app role applies
 * (https://getstream.io/video/docs/api/authentication/, call tokens).
 */
export function tokenRoleIn(claims: UserTokenClaims, cid: string): string | undefined {
  return claims.callCids?.includes(cid) ? (claims.role ?? 'call_member') : undefined
}

/**
 * Checks a user token the way Stream's coordinator does: HS256 with the app's secret, not expired (by the
 * emulator's clock, so tests that move time are obeyed), a `user_id`, and not a server token. Returns the claims
 * or Stream's refusal (401). Shared by the browser SDK's routes and local presence.
 */
export function createUserTokenVerifier(apiSecret: string, now: () => Date) {
  const verify = createVerifier({ key: apiSecret, algorithms: ['HS256'], ignoreExpiration: true, ignoreNotBefore: true })
  return function verifyUserToken(token: string | undefined): UserTokenClaims | StreamApiError {
    if (!token) return authenticationError(streamErrorCodes.authentication, 'the Authorization header is missing')
    let claims: Record<string, unknown>
    try {
      claims = verify(token.replace(/^bearer\s+/i, '')) as Record<string, unknown>
    } catch (error) {
      return tokenRefusal(error)
    }
    if (typeof claims.exp === 'number' && claims.exp * 1000 <= now().getTime()) {
      return authenticationError(streamErrorCodes.tokenExpired, 'JWTAuth error: token has expired')
    }
    if (claims.server === true) {
      return authenticationError(streamErrorCodes.authentication, 'JWTAuth error: client-side requests need a user token, not a server token')
    }
    if (typeof claims.user_id !== 'string' || claims.user_id === '') {
      return authenticationError(streamErrorCodes.authentication, 'JWTAuth error: the token has no user_id')
    }
    const callCids = Array.isArray(claims.call_cids) ? claims.call_cids.filter((cid): cid is string => typeof cid === 'string') : undefined
    return { userId: claims.user_id, callCids, role: typeof claims.role === 'string' ? claims.role : undefined }
  }
}

/**
 * Checks a request of the browser SDK (video-client's `_enrichAxiosOptions`: `?api_key=`, `Authorization: <user
 * JWT>`, `stream-auth-type: jwt`): the envelope as for the server, then a user token.
 */
export function createClientAuthenticator({ apiKey, apiSecret, now }: { apiKey: string; apiSecret: string; now: () => Date }) {
  const verifyUserToken = createUserTokenVerifier(apiSecret, now)
  return function authenticateClient(credentials: RequestCredentials): UserTokenClaims | StreamApiError {
    const token = checkEnvelope(apiKey, credentials, 'client-side')
    return token instanceof StreamApiError ? token : verifyUserToken(token)
  }
}

export type ClientAuthenticator = ReturnType<typeof createClientAuthenticator>
