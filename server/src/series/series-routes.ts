import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorResponse } from '@webinar/shared/errors'
import { SlugParams } from '@webinar/shared/registrations'
import {
  CreateSeriesBody,
  PublicSeries,
  RegisterForSeriesBody,
  Series,
  SeriesIdParams,
  SeriesList,
  SeriesListQuery,
  SeriesRegistrationReceipt,
  UpdateFollowingBody,
} from '@webinar/shared/series'
import type { Config } from '../config.ts'
import { currentStaff } from '../users/staff.ts'
import type { SeriesService } from './series-service.ts'

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse }

/**
 * Recurring series (`/api/series`): create one (its occurrences are webinars, edited one by one through
 * /api/webinars), read it, change "this and following", cancel it.
 */
export const seriesRoutes: FastifyPluginAsyncTypebox<{ service: SeriesService }> = async (app, { service }) => {
  app.post(
    '',
    {
      schema: {
        tags: ['series'],
        summary: 'Schedule a recurring series: its occurrences within the next 180 days are created at once, each a webinar with its own Stream call',
        body: CreateSeriesBody,
        response: { 201: Series, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await service.create(currentStaff(request), request.body)),
  )

  app.get(
    '',
    { schema: { tags: ['series'], summary: 'Series, newest first (hosts see their own)', querystring: SeriesListQuery, response: { 200: SeriesList, ...errors } } },
    async (request) => service.list(currentStaff(request), request.query),
  )

  app.get(
    '/:id',
    { schema: { tags: ['series'], summary: 'A series with its occurrences', params: SeriesIdParams, response: { 200: Series, ...errors } } },
    async (request) => service.get(currentStaff(request), request.params.id),
  )

  app.post(
    '/:id/following',
    {
      schema: {
        tags: ['series'],
        summary: 'Change this occurrence and the following ones (and the occurrences created later)',
        params: SeriesIdParams,
        body: UpdateFollowingBody,
        response: { 200: Series, ...errors },
      },
    },
    async (request) => service.updateFollowing(currentStaff(request), request.params.id, request.body),
  )

  app.post(
    '/:id/cancel',
    {
      schema: {
        tags: ['series'],
        summary: 'Cancel the series and its occurrences that have not started; each registrant gets one mail',
        params: SeriesIdParams,
        response: { 200: Series, ...errors },
      },
    },
    async (request) => service.cancel(currentStaff(request), request.params.id),
  )
}

/** A series' public page (`/s/:slug`) and registering for one or every upcoming occurrence. */
export const publicSeriesRoutes: FastifyPluginAsyncTypebox<{ service: SeriesService; config: Config }> = async (app, { service, config }) => {
  app.get(
    '/public/series/:slug',
    { schema: { tags: ['public'], summary: 'A series’ public page data', params: SlugParams, response: { 200: PublicSeries, ...errors } } },
    async (request) => service.getPublic(request.params.slug),
  )

  app.post(
    '/public/series/:slug/registrations',
    {
      config: { rateLimit: { max: config.registrationsPerIpPerMinute, timeWindow: '1 minute' } },
      schema: {
        tags: ['public'],
        summary: 'Register for one occurrence or every upcoming one (one mail with a personal link per occurrence)',
        params: SlugParams,
        body: RegisterForSeriesBody,
        response: { 201: SeriesRegistrationReceipt, ...errors, 429: ErrorResponse },
      },
    },
    async (request, reply) => reply.status(201).send(await service.registerPublicly(request.params.slug, request.body)),
  )
}
