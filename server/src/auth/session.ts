import type { FastifyReply } from 'fastify'
import type { Config } from '../config.ts'

export const sessionCookieName = 'session'

export interface SessionClaims {
  sub: string
}

/** Signs a session JWT for the user and sets it as an httpOnly, SameSite=Lax cookie. */
export async function startSession(reply: FastifyReply, config: Config, userId: string): Promise<void> {
  const claims: SessionClaims = { sub: userId }
  const token = await reply.jwtSign(claims, { expiresIn: config.sessionTtlSeconds })
  reply.setCookie(sessionCookieName, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.isSecureCookie,
    maxAge: config.sessionTtlSeconds,
  })
}

export function endSession(reply: FastifyReply, config: Config): void {
  reply.clearCookie(sessionCookieName, { path: '/', httpOnly: true, sameSite: 'lax', secure: config.isSecureCookie })
}
