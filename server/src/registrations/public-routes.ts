import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorResponse } from '@webinar/shared/errors'
import { PublicWebinar, RegisterBody, RegistrationReceipt, SlugParams } from '@webinar/shared/registrations'
import type { Config } from '../config.ts'
import type { RegistrationService } from './registration-service.ts'

const errors = { 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 429: ErrorResponse }

/** What the public uses without an account: a webinar's page and registering (the personal link is join/). */
export const publicRegistrationRoutes: FastifyPluginAsyncTypebox<{ service: RegistrationService; config: Config }> = async (
  app,
  { service, config },
) => {
  app.get(
    '/public/webinars/:slug',
    { schema: { tags: ['public'], summary: 'A webinar’s public page data', params: SlugParams, response: { 200: PublicWebinar, ...errors } } },
    async (request) => service.getPublicWebinar(request.params.slug),
  )

  app.post(
    '/public/webinars/:slug/registrations',
    {
      // Floods from one address are slowed down; people behind one office address still fit.
      config: { rateLimit: { max: config.registrationsPerIpPerMinute, timeWindow: '1 minute' } },
      schema: {
        tags: ['public'],
        summary: 'Register (the personal join link goes by e-mail only)',
        params: SlugParams,
        body: RegisterBody,
        response: { 201: RegistrationReceipt, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await service.registerPublicly(request.params.slug, request.body)),
  )
}
