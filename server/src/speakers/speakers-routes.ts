import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorResponse } from '@webinar/shared/errors'
import { InviteSpeakerBody, Speaker, SpeakerList, SpeakerParams, StageView, StudioTokenParams } from '@webinar/shared/stage'
import { StreamCredentials, WebinarIdParams } from '@webinar/shared/webinars'
import Type from 'typebox'
import { perLinkLimit } from '../http/per-link-limit.ts'
import { currentStaff } from '../users/staff.ts'
import type { SpeakerService } from './speaker-service.ts'

const staffErrors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 502: ErrorResponse }
const tags = ['speakers']

/** A webinar's co-hosts and guest panelists: its host and admins invite and remove them; co-hosts see the list. */
export const speakersRoutes: FastifyPluginAsyncTypebox<{ service: SpeakerService }> = async (app, { service }) => {
  app.get(
    '/:id/speakers',
    { schema: { tags, summary: 'The webinar’s co-hosts and panelists', params: WebinarIdParams, response: { 200: SpeakerList, ...staffErrors } } },
    async (request) => service.list(currentStaff(request), request.params.id),
  )
  app.post(
    '/:id/speakers',
    {
      schema: {
        tags,
        summary: 'Invite a co-host (a staff user) or a guest panelist (mailed a personal studio link)',
        description: 'They become members of the webinar’s Stream call (role host or speaker). 409 when the person is a speaker already or the webinar is over.',
        params: WebinarIdParams,
        body: InviteSpeakerBody,
        response: { 201: Speaker, ...staffErrors },
      },
    },
    async (request, reply) => reply.status(201).send(await service.invite(currentStaff(request), request.params.id, request.body)),
  )
  app.delete(
    '/:id/speakers/:speakerId',
    {
      schema: {
        tags,
        summary: 'Remove a speaker: out of the call’s members and out of the call at once, their studio link dead',
        params: SpeakerParams,
        response: { 204: Type.Null(), ...staffErrors },
      },
    },
    async (request, reply) => {
      await service.remove(currentStaff(request), request.params.id, request.params.speakerId)
      return reply.status(204).send(null)
    },
  )
}

const linkErrors = { 400: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 429: ErrorResponse }

/** A guest panelist's personal studio link (`/api/stage/:token/…`): no account, the token is the key. */
export const studioLinkRoutes: FastifyPluginAsyncTypebox<{ service: SpeakerService }> = async (app, { service }) => {
  app.get(
    '/:token',
    { config: perLinkLimit('stage', 60), schema: { tags, summary: 'What a panelist’s studio link opens', params: StudioTokenParams, response: { 200: StageView, ...linkErrors } } },
    async (request) => service.view(request.params.token),
  )
  app.post(
    '/:token/stream-credentials',
    {
      config: perLinkLimit('stage', 20),
      schema: {
        tags,
        summary: 'A panelist’s Stream credentials (a user token: the call membership gives the role speaker)',
        params: StudioTokenParams,
        response: { 200: StreamCredentials, ...linkErrors },
      },
    },
    async (request) => service.mintPanelistCredentials(request.params.token),
  )
}
