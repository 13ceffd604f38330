import { csrfHeaderName, csrfHeaderValue } from '@webinar/shared/auth'
import type { Role } from '@webinar/shared/users'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { hashApiKeySecret, looksLikeApiKey } from '../api-keys/api-key-secret.ts'
import type { ApiKeyRepository } from '../api-keys/api-key-repository.ts'
import type { Clock } from '../clock.ts'
import { AppError, forbidden, unauthenticated } from '../errors.ts'
import type { UserRepository, UserRow } from '../users/user-repository.ts'
import { sessionCookieName, type SessionClaims } from './session.ts'

export interface Staff {
  user: UserRow
  via: 'session' | 'api_key'
}

declare module 'fastify' {
  interface FastifyRequest {
    staff: Staff | null
  }
  interface FastifyInstance {
    /** onRequest hook: the request must come from a signed-in staff member or an API key. */
    authenticate: (request: FastifyRequest) => Promise<void>
  }
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS'])

export function currentStaff(request: FastifyRequest): Staff {
  if (!request.staff) throw unauthenticated()
  return request.staff
}

/** preHandler: only these roles may go on. */
export function requireRole(...roles: Role[]) {
  return async (request: FastifyRequest) => {
    if (!roles.includes(currentStaff(request).user.role)) throw forbidden()
  }
}

interface AuthenticateOptions {
  users: UserRepository
  apiKeys: ApiKeyRepository
  clock: Clock
}

/**
 * Who is calling: an integrator's `Authorization: Bearer <key>` or a session cookie.
 * Cookie-authenticated changes must also carry the CSRF header (see shared/auth.ts).
 */
export const authenticatePlugin = fp(
  async (app: FastifyInstance, { users, apiKeys, clock }: AuthenticateOptions) => {
    app.decorateRequest('staff', null)

    async function authenticateWithApiKey(request: FastifyRequest, key: string): Promise<Staff> {
      const found = looksLikeApiKey(key) ? await apiKeys.findUserBySecretHash(hashApiKeySecret(key)) : undefined
      if (!found) throw unauthenticated('The API key is not valid or has been revoked.')
      await apiKeys.touch(found.keyId, clock.now())
      request.log.debug({ apiKeyId: found.keyId }, 'authenticated with API key')
      return { user: found.user, via: 'api_key' }
    }

    async function authenticateWithSession(request: FastifyRequest): Promise<Staff> {
      if (!request.cookies[sessionCookieName]) throw unauthenticated()
      let claims: SessionClaims
      try {
        claims = await request.jwtVerify<SessionClaims>({ onlyCookie: true })
      } catch {
        throw unauthenticated('Your session has expired. Sign in again.')
      }
      const user = await users.findById(claims.sub)
      if (!user) throw unauthenticated('Your account no longer exists.')
      if (!safeMethods.has(request.method) && request.headers[csrfHeaderName] !== csrfHeaderValue) {
        throw new AppError('forbidden', `Requests that change data must send the ${csrfHeaderName} header.`)
      }
      return { user, via: 'session' }
    }

    app.decorate('authenticate', async (request: FastifyRequest) => {
      const authorization = request.headers.authorization
      if (authorization !== undefined) {
        const match = /^Bearer\s+(\S+)$/i.exec(authorization)
        if (!match) throw unauthenticated('Send the API key as "Authorization: Bearer <key>".')
        request.staff = await authenticateWithApiKey(request, match[1]!)
      } else {
        request.staff = await authenticateWithSession(request)
      }
    })
  },
  { name: 'authenticate', dependencies: ['@fastify/jwt', '@fastify/cookie'] },
)
