import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { PasswordResetConfirmBody, PasswordResetRequestBody, PasswordResetRequested } from '@webinar/shared/auth'
import { ErrorResponse } from '@webinar/shared/errors'
import type { FastifyRequest } from 'fastify'
import Type from 'typebox'
import type { Config } from '../config.ts'
import { AppError } from '../errors.ts'
import type { PasswordResetService } from './password-reset-service.ts'

interface PasswordResetRoutesOptions {
  config: Config
  service: PasswordResetService
}

const errors = { 400: ErrorResponse, 429: ErrorResponse }

/** Mails to one address, whoever asks: enough for a person who mistyped once or twice, too few to flood an inbox. */
const resetMailsPerAddressPerHour = 5

/**
 * "Forgot password?" and setting a new one with the mailed link. Both public: they are for someone who cannot
 * sign in. Neither says whether an address has an account.
 */
export const passwordResetRoutes: FastifyPluginAsyncTypebox<PasswordResetRoutesOptions> = async (app, { config, service }) => {
  const window = 15 * 60 * 1000
  const limitPerIp = (name: string) =>
    app.createRateLimit({ max: config.loginAttemptsPer15Minutes * 3, timeWindow: window, keyGenerator: (request) => `${name}-ip:${request.ip}` })
  const limitRequestsPerIp = limitPerIp('password-reset')
  const limitConfirmationsPerIp = limitPerIp('password-reset-confirm')
  // Counted for the address whether or not it has an account: a refusal here tells nothing either.
  const limitRequestsPerAddress = app.createRateLimit({
    max: resetMailsPerAddressPerHour,
    timeWindow: 60 * 60 * 1000,
    keyGenerator: (request) => `password-reset-email:${(request.body as PasswordResetRequestBody).email.trim().toLowerCase()}`,
  })
  async function enforceLimits(request: FastifyRequest, limits: (typeof limitRequestsPerIp)[]) {
    for (const limit of limits) {
      const result = await limit(request)
      if (!result.isAllowed && result.isExceeded) {
        throw new AppError('rate_limited', `Too many password reset attempts. Try again in ${Math.ceil(result.ttlInSeconds / 60)} minutes.`)
      }
    }
  }

  app.post(
    '/auth/password-reset',
    {
      preHandler: (request) => enforceLimits(request, [limitRequestsPerIp, limitRequestsPerAddress]),
      schema: {
        tags: ['auth'],
        summary: 'Mail a password reset link to this address if an account uses it (the same answer either way)',
        body: PasswordResetRequestBody,
        response: { 202: PasswordResetRequested, ...errors },
      },
    },
    async (request, reply) => {
      await service.requestByMail(request.body.email)
      return reply.status(202).send({ isMailConfigured: service.isMailConfigured })
    },
  )

  app.post(
    '/auth/password-reset/confirm',
    {
      preHandler: (request) => enforceLimits(request, [limitConfirmationsPerIp]),
      schema: {
        tags: ['auth'],
        summary: "Set a new password with a mailed link's token (once); every session of the account ends",
        body: PasswordResetConfirmBody,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await service.resetPassword(request.body)
      return reply.status(204).send(null)
    },
  )
}
