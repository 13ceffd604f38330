import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { LoginBody, MeResponse, SetupBody, SetupStatus } from '@webinar/shared/auth'
import { ErrorResponse } from '@webinar/shared/errors'
import type { FastifyRequest } from 'fastify'
import Type from 'typebox'
import type { Config } from '../config.ts'
import { AppError } from '../errors.ts'
import { currentStaff } from '../users/staff.ts'
import type { AuthService } from './auth-service.ts'
import { endSession, startSession } from './session.ts'

interface AuthRoutesOptions {
  config: Config
  service: AuthService
}

const errors = { 400: ErrorResponse, 401: ErrorResponse, 409: ErrorResponse, 429: ErrorResponse }

/** First-run set-up, sign-in and sign-out. Public: these routes are how one gets a session. */
export const authRoutes: FastifyPluginAsyncTypebox<AuthRoutesOptions> = async (app, { config, service }) => {
  const loginWindow = 15 * 60 * 1000
  const limitLoginsPerIp = app.createRateLimit({
    max: config.loginAttemptsPer15Minutes * 3,
    timeWindow: loginWindow,
    keyGenerator: (request) => `login-ip:${request.ip}`,
  })
  const limitLoginsPerEmail = app.createRateLimit({
    max: config.loginAttemptsPer15Minutes,
    timeWindow: loginWindow,
    keyGenerator: (request) => `login-email:${(request.body as LoginBody).email.trim().toLowerCase()}`,
  })
  async function enforceLoginLimits(request: FastifyRequest) {
    for (const limit of [limitLoginsPerIp, limitLoginsPerEmail]) {
      const result = await limit(request)
      if (!result.isAllowed && result.isExceeded) {
        throw new AppError('rate_limited', `Too many sign-in attempts. Try again in ${Math.ceil(result.ttlInSeconds / 60)} minutes.`)
      }
    }
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
      await startSession(reply, config, owner.id)
      return reply.status(201).send({ user: owner, via: 'session' as const })
    },
  )

  app.post(
    '/auth/login',
    {
      preHandler: enforceLoginLimits,
      schema: { tags: ['auth'], summary: 'Sign in with e-mail and password', body: LoginBody, response: { 200: MeResponse, ...errors } },
    },
    async (request, reply) => {
      const user = await service.signIn(request.body)
      await startSession(reply, config, user.id)
      return { user, via: 'session' as const }
    },
  )

  app.post(
    '/auth/logout',
    { schema: { tags: ['auth'], summary: 'Sign out (clears the session cookie)', response: { 204: Type.Null() } } },
    async (_request, reply) => {
      endSession(reply, config)
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
