import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { apiKeyRepository } from '../api-keys/api-key-repository.ts'
import { hashApiKeySecret, looksLikeApiKey } from '../api-keys/api-key-secret.ts'
import type { Clock } from '../clock.ts'
import type { Database } from '../db/client.ts'
import { unauthenticated } from '../errors.ts'
import type { Staff } from '../users/staff.ts'
import { assertCsrfHeader, readSessionClaims, sessionCookieName } from './session.ts'
import { sessionRepository } from './session-repository.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /** onRequest hook: the request must come from a signed-in staff member or an API key. */
    authenticate: (request: FastifyRequest) => Promise<void>
  }
}

interface AuthenticateOptions {
  db: Database
  clock: Clock
}

/**
 * Who is calling: an integrator's `Authorization: Bearer <key>` or a session cookie. It sets `request.staff`,
 * which routes read with `currentStaff`/`requireRole` (users/staff.ts).
 * Cookie-authenticated changes must also carry the CSRF header (see shared/auth.ts).
 */
export const authenticatePlugin = fp(
  async (app: FastifyInstance, { db, clock }: AuthenticateOptions) => {
    app.decorateRequest('staff', null)

    async function authenticateWithApiKey(request: FastifyRequest, key: string): Promise<Staff> {
      const found = looksLikeApiKey(key) ? await apiKeyRepository.findUserBySecretHash(db, hashApiKeySecret(key)) : undefined
      if (!found) throw unauthenticated('The API key is not valid or has been revoked.')
      await apiKeyRepository.touch(db, found.keyId, clock.now())
      request.log.debug({ apiKeyId: found.keyId }, 'authenticated with API key')
      const secretHash = hashApiKeySecret(key)
      return { user: found.user, via: 'api_key', isStillValid: async () => Boolean(await apiKeyRepository.findUserBySecretHash(db, secretHash)) }
    }

    async function authenticateWithSession(request: FastifyRequest): Promise<Staff> {
      if (!request.cookies[sessionCookieName]) throw unauthenticated()
      const claims = await readSessionClaims(request)
      if (!claims) throw unauthenticated('Your session has expired. Sign in again.')
      // The cookie alone proves nothing once the session is over (signed out, password changed, user removed):
      // its row must still be there. One primary-key lookup, which also loads the user.
      const user = await sessionRepository.findUserOfOpenSession(db, claims.sid, claims.sub)
      if (!user) throw unauthenticated('Your session has ended. Sign in again.')
      assertCsrfHeader(request)
      return { user, via: 'session', isStillValid: async () => Boolean(await sessionRepository.findUserOfOpenSession(db, claims.sid, claims.sub)) }
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
