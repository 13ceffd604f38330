import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ChangePasswordBody, LoginBody, MeResponse, SetupBody, SetupStatus } from '@webinar/shared/auth'
import { ErrorResponse } from '@webinar/shared/errors'
import type { FastifyReply, FastifyRequest } from 'fastify'
import Type from 'typebox'
import type { Config } from '../config.ts'
import { AppError } from '../errors.ts'
import { currentStaff } from '../users/staff.ts'
import type { AuthService } from './auth-service.ts'
import { assertCsrfHeader, clearSessionCookie, readSessionClaims, setSessionCookie } from './session.ts'

interface AuthRoutesOptions {
  config: Config
  service: AuthService
}

const errors = { 400: ErrorResponse, 401: ErrorResponse, 409: ErrorResponse, 429: ErrorResponse }

/**
 * First-run set-up, sign-in, sign-out and password changes. Set-up and sign-in are public: they are how one gets
 * a session (a row, named by the cookie's JWT).
 */
export const authRoutes: FastifyPluginAsyncTypebox<AuthRoutesOptions> = async (app, { config, service }) => {
  const loginWindow = 15 * 60 * 1000
  const limitLoginsPerIp = app.createRateLimit({
    max: config.loginAttemptsPer15Minutes * 3,
    timeWindow: loginWindow,
    keyGenerator: (request) => `login-ip:${request.ip}`,
  })
  const emailOf = (request: FastifyRequest) => (request.body as LoginBody).email.trim().toLowerCase()
  // Guesses at one account from one client are cut off soon. Counted per address alone, anyone could lock the
  // owner out for everyone by failing a few times; so that limit is per address and client, and the limit per
  // address alone is ten times looser, only to slow guessing spread over many clients.
  const limitLoginsPerEmailAndClient = app.createRateLimit({
    max: config.loginAttemptsPer15Minutes,
    timeWindow: loginWindow,
    keyGenerator: (request) => `login-email-client:${emailOf(request)}:${request.ip}`,
  })
  const limitLoginsPerEmail = app.createRateLimit({
    max: config.loginAttemptsPer15Minutes * 10,
    timeWindow: loginWindow,
    keyGenerator: (request) => `login-email:${emailOf(request)}`,
  })
  // Guessing the current password with a stolen cookie is as slow as guessing it at sign-in.
  const limitPasswordChanges = app.createRateLimit({
    max: config.loginAttemptsPer15Minutes,
    timeWindow: loginWindow,
    keyGenerator: (request) => `password-change:${request.staff?.user.id ?? request.ip}`,
  })
  async function enforceLimits(request: FastifyRequest, limits: (typeof limitLoginsPerIp)[], attempts: string) {
    for (const limit of limits) {
      const result = await limit(request)
      if (!result.isAllowed && result.isExceeded) {
        throw new AppError('rate_limited', `Too many ${attempts}. Try again in ${Math.ceil(result.ttlInSeconds / 60)} minutes.`)
      }
    }
  }
  /** Ends the session the request's cookie names, if any (signing out; signing in again, where it would only linger). */
  async function endSessionOfCookie(request: FastifyRequest) {
    const claims = await readSessionClaims(request)
    if (claims) await service.endSession(claims.sid)
  }
  async function startSession(request: FastifyRequest, reply: FastifyReply, userId: string) {
    await endSessionOfCookie(request)
    await setSessionCookie(reply, config, await service.openSession(userId))
  }

  app.get(
    '/setup',
    { schema: { tags: ['auth'], summary: 'Whether the first owner still has to be created', response: { 200: SetupStatus } } },
    async () => ({ needsSetup: await service.needsSetup() }),
  )

  app.post(
    '/setup',
    {
      schema: {
        tags: ['auth'],
        summary: 'Create the first owner (only while no user exists) and sign in',
        body: SetupBody,
        response: { 201: MeResponse, ...errors },
      },
    },
    async (request, reply) => {
      const owner = await service.setUpFirstOwner(request.body)
      await startSession(request, reply, owner.id)
      return reply.status(201).send({ user: owner, via: 'session' as const })
    },
  )

  app.post(
    '/auth/login',
    {
      preHandler: (request) => enforceLimits(request, [limitLoginsPerIp, limitLoginsPerEmailAndClient, limitLoginsPerEmail], 'sign-in attempts'),
      schema: { tags: ['auth'], summary: 'Sign in with e-mail and password', body: LoginBody, response: { 200: MeResponse, ...errors } },
    },
    async (request, reply) => {
      const user = await service.signIn(request.body)
      await startSession(request, reply, user.id)
      return { user, via: 'session' as const }
    },
  )

  app.post(
    '/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign out: ends this session on the server (a copy of its cookie stops working) and clears the cookie',
        response: { 204: Type.Null(), 403: ErrorResponse },
      },
    },
    async (request, reply) => {
      // Without the header any site could sign people out with a cross-site form.
      assertCsrfHeader(request)
      await endSessionOfCookie(request)
      clearSessionCookie(reply, config)
      return reply.status(204).send(null)
    },
  )

  app.post(
    '/auth/password',
    {
      onRequest: app.authenticate,
      preHandler: (request) => enforceLimits(request, [limitPasswordChanges], 'password change attempts'),
      schema: {
        tags: ['auth'],
        summary: "Change one's password: ends every session of the account and sets a new session cookie for this browser",
        body: ChangePasswordBody,
        response: { 204: Type.Null(), 403: ErrorResponse, ...errors },
      },
    },
    async (request, reply) => {
      const session = await service.changePassword(currentStaff(request), request.body)
      await setSessionCookie(reply, config, session)
      return reply.status(204).send(null)
    },
  )

  app.get(
    '/me',
    {
      onRequest: app.authenticate,
      schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: MeResponse, 401: ErrorResponse } },
    },
    async (request) => service.me(currentStaff(request)),
  )
}
