import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorResponse } from '@webinar/shared/errors'
import { Replay } from '@webinar/shared/recordings'
import { JoinTokenParams, JoinView } from '@webinar/shared/registrations'
import { RoomTicket } from '@webinar/shared/room'
import { StreamCredentials } from '@webinar/shared/webinars'
import Type from 'typebox'
import { perLinkLimit } from '../http/per-link-limit.ts'
import type { JoinService } from './join-service.ts'

const errors = { 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 429: ErrorResponse }

/** A registrant's personal link (`/api/join/:token/…`): no account, the token is the key. */
export const joinRoutes: FastifyPluginAsyncTypebox<{ service: JoinService }> = async (app, { service }) => {
  app.get(
    '/:token',
    { schema: { tags: ['join'], summary: 'The registration behind a personal link', params: JoinTokenParams, response: { 200: JoinView, ...errors } } },
    async (request) => service.getJoinView(request.params.token),
  )

  app.post(
    '/:token/stream-token',
    {
      config: perLinkLimit('join', 20),
      schema: {
        tags: ['join'],
        summary: 'Attendee credentials (approved registrations, from the join-ahead window until the end)',
        description: 'Before the room opens: 409 with `fields.opensAt` (ISO instant).',
        params: JoinTokenParams,
        response: { 200: StreamCredentials, ...errors },
      },
    },
    async (request) => service.mintAttendeeCredentials(request.params.token),
  )

  app.post(
    '/:token/room-ticket',
    {
      config: perLinkLimit('join', 30),
      schema: {
        tags: ['join'],
        summary: 'A ticket for the room’s event stream (approved registrations)',
        description: 'Valid for a few minutes, for this webinar’s `GET /api/rooms/{webinarId}/events?ticket=` only.',
        params: JoinTokenParams,
        response: { 200: RoomTicket, ...errors },
      },
    },
    async (request) => service.issueRoomTicket(request.params.token),
  )

  app.get(
    '/:token/replay',
    {
      // Each answer may ask Stream for fresh addresses (at most once a minute per webinar and instance).
      config: perLinkLimit('join', 30),
      schema: {
        tags: ['join'],
        summary: 'The replay (approved registrations, after the webinar)',
        description: 'Each part’s `url` is a freshly signed address of the MP4 at Stream: it expires, so ask again rather than keep it.',
        params: JoinTokenParams,
        response: { 200: Replay, ...errors },
      },
    },
    async (request) => service.getReplay(request.params.token),
  )

  app.post(
    '/:token/cancel',
    { schema: { tags: ['join'], summary: 'Cancel this registration', params: JoinTokenParams, response: { 200: JoinView, ...errors } } },
    async (request) => service.cancel(request.params.token),
  )

  app.get(
    '/:token/calendar.ics',
    {
      schema: {
        tags: ['join'],
        summary: 'Calendar invite (iCalendar)',
        params: JoinTokenParams,
        response: { 200: Type.String({ description: 'text/calendar' }), ...errors },
      },
    },
    async (request, reply) => {
      const { filename, ics } = await service.getCalendarInvite(request.params.token)
      return reply.type('text/calendar; charset=utf-8').header('content-disposition', `attachment; filename="${filename}"`).send(ics)
    },
  )
}
