import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorResponse } from '@webinar/shared/errors'
import {
  CaptionsBody,
  CreateWebinarBody,
  DeleteWebinarBody,
  DuplicateWebinarBody,
  RtmpIngress,
  StreamCredentials,
  UpdateWebinarBody,
  Webinar,
  WebinarIdParams,
  WebinarList,
  WebinarListQuery,
} from '@webinar/shared/webinars'
import Type from 'typebox'
import { currentStaff } from '../users/staff.ts'
import type { WebinarService } from './webinar-service.ts'

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 502: ErrorResponse }
const tags = ['webinars']

/** Scheduling and running webinars. Hosts act on their own webinars, owners and admins on all. */
export const webinarsRoutes: FastifyPluginAsyncTypebox<{ service: WebinarService }> = async (app, { service }) => {
  app.post(
    '',
    {
      schema: {
        tags,
        summary: 'Schedule a webinar (its Stream call is prepared at once)',
        description:
          'Answers 201 with `provisioning: ready` when the Stream call exists, or `pending` when Stream could not be reached: a background job keeps retrying.',
        body: CreateWebinarBody,
        response: { 201: Webinar, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await service.create(currentStaff(request), request.body)),
  )

  app.get(
    '',
    { schema: { tags, summary: 'List webinars', querystring: WebinarListQuery, response: { 200: WebinarList, ...errors } } },
    async (request) => service.list(currentStaff(request), request.query),
  )

  app.get(
    '/:id',
    { schema: { tags, summary: 'One webinar', params: WebinarIdParams, response: { 200: Webinar, ...errors } } },
    async (request) => service.get(currentStaff(request), request.params.id),
  )

  app.patch(
    '/:id',
    {
      schema: { tags, summary: 'Change a webinar (Stream is told about time and title)', params: WebinarIdParams, body: UpdateWebinarBody, response: { 200: Webinar, ...errors } },
    },
    async (request) => service.update(currentStaff(request), request.params.id, request.body),
  )

  app.post(
    '/:id/cancel',
    { schema: { tags, summary: 'Cancel a webinar (ends its call)', params: WebinarIdParams, response: { 200: Webinar, ...errors } } },
    async (request) => service.cancel(currentStaff(request), request.params.id),
  )

  app.post(
    '/:id/start',
    {
      schema: {
        tags,
        summary: 'Start the webinar: take the call live (HLS and recording as configured)',
        params: WebinarIdParams,
        response: { 200: Webinar, ...errors },
      },
    },
    async (request) => service.start(currentStaff(request), request.params.id),
  )

  app.post(
    '/:id/end',
    { schema: { tags, summary: 'End the webinar for everyone', params: WebinarIdParams, response: { 200: Webinar, ...errors } } },
    async (request) => service.end(currentStaff(request), request.params.id),
  )

  app.post(
    '/:id/stream-token',
    {
      schema: {
        tags,
        summary: 'Credentials for the host studio (host of this webinar or an admin)',
        params: WebinarIdParams,
        response: { 200: StreamCredentials, ...errors },
      },
    },
    async (request) => service.mintHostCredentials(currentStaff(request), request.params.id),
  )

  app.post(
    '/:id/rtmp-ingress',
    {
      schema: {
        tags,
        summary: 'Broadcast from OBS: the call\'s RTMP address and a stream key (host of this webinar or an admin)',
        description: 'The stream key is a host token for this call; it is a secret and expires two hours after the scheduled end.',
        params: WebinarIdParams,
        response: { 200: RtmpIngress, ...errors },
      },
    },
    async (request) => service.rtmpIngress(currentStaff(request), request.params.id),
  )

  app.post(
    '/:id/captions',
    {
      schema: {
        tags,
        summary: 'Turn closed captions on or off in the call (the room is told)',
        params: WebinarIdParams,
        body: CaptionsBody,
        response: { 200: Webinar, ...errors },
      },
    },
    async (request) => service.setCaptions(currentStaff(request), request.params.id, request.body.isOn),
  )

  app.post(
    '/:id/duplicate',
    {
      schema: {
        tags,
        summary: 'Schedule a copy of a webinar: same content, settings and form, a new start, address and Stream call',
        description:
          'For its host and admins. Registrations, speakers, mail and recordings are not copied. Without `startTime` the copy starts a week after the original, or, when that has passed, a week from now on the next full hour. Answers like `POST /api/webinars`.',
        params: WebinarIdParams,
        body: DuplicateWebinarBody,
        response: { 201: Webinar, ...errors },
      },
      // Every field is optional: a request without a body is one with an empty body.
      preValidation: async (request) => {
        request.body ??= {}
      },
    },
    async (request, reply) => reply.status(201).send(await service.duplicate(currentStaff(request), request.params.id, request.body)),
  )

  app.delete(
    '/:id',
    {
      schema: {
        tags,
        summary: 'Delete a webinar and its Stream call (owners and admins; not while live)',
        description: 'Registrants are not told: cancel the webinar first for that. `records` says whether its registrations and mail are kept or erased.',
        params: WebinarIdParams,
        body: DeleteWebinarBody,
        response: { 204: Type.Null({ description: 'Deleted' }), ...errors },
      },
    },
    async (request, reply) => {
      await service.delete(currentStaff(request), request.params.id, request.body)
      return reply.status(204).send(null)
    },
  )
}
