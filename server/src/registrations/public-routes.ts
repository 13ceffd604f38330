import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorResponse } from '@webinar/shared/errors'
import { JoinTokenParams, JoinView, PublicWebinar, RegisterBody, RegistrationReceipt, SlugParams } from '@webinar/shared/registrations'
import { RoomTicket } from '@webinar/shared/room'
import { StreamCredentials } from '@webinar/shared/webinars'
import Type from 'typebox'
import type { Config } from '../config.ts'
import type { RegistrationService } from './registration-service.ts'

const errors = { 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 429: ErrorResponse }

/** What registrants use without an account: the public page, registering, and their personal link. */
export const publicRegistrationRoutes: FastifyPluginAsyncTypebox<{ service: RegistrationService; config: Config }> = async (
  app,
  { service, config },
) => {
  app.get(
    '/public/webinars/:slug',
    { schema: { tags: ['public'], summary: 'A webinar’s public page data', params: SlugParams, response: { 200: PublicWebinar, ...errors } } },
    async (request) => service.publicWebinar(request.params.slug),
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

  app.get(
    '/join/:token',
    { schema: { tags: ['join'], summary: 'The registration behind a personal link', params: JoinTokenParams, response: { 200: JoinView, ...errors } } },
    async (request) => service.joinView(request.params.token),
  )

  app.post(
    '/join/:token/stream-token',
    {
      schema: {
        tags: ['join'],
        summary: 'Attendee credentials (approved registrations, from the join-ahead window until the end)',
        description: 'Before the room opens: 409 with `fields.opensAt` (ISO instant).',
        params: JoinTokenParams,
        response: { 200: StreamCredentials, ...errors },
      },
    },
    async (request) => service.attendeeCredentials(request.params.token),
  )

  app.post(
    '/join/:token/room-ticket',
    {
      schema: {
        tags: ['join'],
        summary: 'A ticket for the room’s event stream (approved registrations)',
        description: 'Valid for a few minutes, for this webinar’s `GET /api/rooms/{webinarId}/events?ticket=` only.',
        params: JoinTokenParams,
        response: { 200: RoomTicket, ...errors },
      },
    },
    async (request) => service.roomTicket(request.params.token),
  )

  app.post(
    '/join/:token/cancel',
    { schema: { tags: ['join'], summary: 'Cancel this registration', params: JoinTokenParams, response: { 200: JoinView, ...errors } } },
    async (request) => service.cancelByToken(request.params.token),
  )

  app.get(
    '/join/:token/calendar.ics',
    {
      schema: {
        tags: ['join'],
        summary: 'Calendar invite (iCalendar)',
        params: JoinTokenParams,
        response: { 200: Type.String({ description: 'text/calendar' }), ...errors },
      },
    },
    async (request, reply) => {
      const { filename, ics } = await service.calendar(request.params.token)
      return reply.type('text/calendar; charset=utf-8').header('content-disposition', `attachment; filename="${filename}"`).send(ics)
    },
  )
}
