import { createVerifier, TOKEN_ERROR_CODES } from 'fast-jwt'
import { authenticationError, streamErrorCodes, type StreamApiError } from './stream-errors.ts'

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
