import type { Role } from '@webinar/shared/users'
import type { FastifyRequest } from 'fastify'
import { forbidden, unauthenticated } from '../errors.ts'
import type { UserRow } from './user-repository.ts'

/** Who is calling on the staff side: a user, signed in with a session or acting through one of their API keys. */
export interface Staff {
  user: UserRow
  via: 'session' | 'api_key'
  /**
   * Whether the credential this request came with still holds (the session is open, the API key not revoked):
   * what a long-lived response (an event stream) asks from time to time, so signing out ends it too.
   */
  isStillValid: () => Promise<boolean>
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by auth's `authenticate` hook; null until then, and on public routes. */
    staff: Staff | null
  }
}

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
