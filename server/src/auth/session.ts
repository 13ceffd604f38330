import { csrfHeaderName, csrfHeaderValue } from '@webinar/shared/auth'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Config } from '../config.ts'
import { AppError } from '../errors.ts'

export const sessionCookieName = 'session'

/** What the session cookie (a JWT) says: whose session, and which one (a row of `sessions`). */
export interface SessionClaims {
  sub: string
  sid: string
}

export interface OpenedSession {
  id: string
  userId: string
}

const cookieOptions = (config: Config) => ({ path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.isSecureCookie })

/** Signs a JWT naming the session and sets it as an httpOnly, SameSite=Lax cookie. */
export async function setSessionCookie(reply: FastifyReply, config: Config, session: OpenedSession): Promise<void> {
  const claims: SessionClaims = { sub: session.userId, sid: session.id }
  const token = await reply.jwtSign(claims, { expiresIn: config.sessionTtlSeconds })
  reply.setCookie(sessionCookieName, token, { ...cookieOptions(config), maxAge: config.sessionTtlSeconds })
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(sessionCookieName, cookieOptions(config))
}

/** The claims of the request's session cookie when it is one of ours and unexpired; whether its session is still open is the database's to say. */
export async function readSessionClaims(request: FastifyRequest): Promise<SessionClaims | undefined> {
  if (!request.cookies[sessionCookieName]) return undefined
  try {
    const claims = await request.jwtVerify<Partial<SessionClaims>>({ onlyCookie: true })
    // Cookies signed before sessions had rows name no session: they are over.
    return typeof claims.sub === 'string' && isUuid(claims.sub) && typeof claims.sid === 'string' && isUuid(claims.sid)
      ? { sub: claims.sub, sid: claims.sid }
      : undefined
  } catch {
    return undefined
  }
}

const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value)

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Cookie-authenticated changes must carry the CSRF header (see shared/auth.ts): a cross-site form cannot
 * send it. Signing out is such a change too, or any page could sign people out.
 */
export function assertCsrfHeader(request: FastifyRequest): void {
  if (!safeMethods.has(request.method) && request.headers[csrfHeaderName] !== csrfHeaderValue) {
    throw new AppError('forbidden', `Requests that change data must send the ${csrfHeaderName} header.`)
  }
}
