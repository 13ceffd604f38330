import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorResponse } from '@webinar/shared/errors'
import { AddedRegistration, AddRegistrationBody, Registration, RegistrationList, RegistrationListQuery, RegistrationParams } from '@webinar/shared/registrations'
import { WebinarIdParams } from '@webinar/shared/webinars'
import Type from 'typebox'
import { currentStaff } from '../users/staff.ts'
import type { WebinarService } from '../webinars/webinar-service.ts'
import type { RegistrationService } from './registration-service.ts'

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse }
const tags = ['registrations']

/** Text (text/csv), not JSON: a line per registration, a column per form field (a leading + is quoted against formulas). */
const csvExport = Type.String({
  examples: [
    'name,email,status,registered_at,timezone,source,first_joined_at,last_left_at,watch_seconds,attended,mobile,company\r\n' +
      'Ada Lovelace,ada@example.com,approved,2030-04-28T10:15:00.000Z,Europe/London,public,2030-05-04T16:01:12.000Z,2030-05-04T16:58:40.000Z,3448,yes,\'+44 7700 900123,Analytical Engines Ltd\r\n',
  ],
})

/** Registrations as the webinar's host or an admin manages them. */
export const registrationsRoutes: FastifyPluginAsyncTypebox<{ service: RegistrationService; webinarService: WebinarService }> = async (
  app,
  { service, webinarService },
) => {
  // Same access rule as the webinar itself: its host, or an admin.
  const authorise = async (request: { params: { id: string } } & Parameters<typeof currentStaff>[0]) =>
    webinarService.get(currentStaff(request), request.params.id)

  app.get(
    '/:id/registrations',
    { schema: { tags, summary: 'List registrations', params: WebinarIdParams, querystring: RegistrationListQuery, response: { 200: RegistrationList, ...errors } } },
    async (request) => {
      await authorise(request)
      return service.list(request.params.id, request.query)
    },
  )

  app.get(
    '/:id/registrations.csv',
    { schema: { tags, summary: 'Export registrations as CSV', params: WebinarIdParams, response: { 200: csvExport, ...errors } } },
    async (request, reply) => {
      const webinar = await authorise(request)
      const csv = await service.exportCsv(webinar)
      // A stream, read page by page as it is sent (the schema documents what arrives: text). Fastify sends streams as
      // they are, without the serializer, so the type is the only thing to persuade.
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${webinar.slug}-registrations.csv"`)
        .send(csv as unknown as string)
    },
  )

  app.post(
    '/:id/registrations',
    { schema: { tags, summary: 'Add a registration by hand (deadline does not apply)', params: WebinarIdParams, body: AddRegistrationBody, response: { 201: AddedRegistration, 200: AddedRegistration, ...errors } } },
    async (request, reply) => {
      await authorise(request)
      const added = await service.addByStaff(request.params.id, request.body)
      return reply.status(added.wasAlreadyRegistered ? 200 : 201).send(added)
    },
  )

  for (const [action, to] of [
    ['approve', 'approved'],
    ['reject', 'rejected'],
  ] as const) {
    app.post(
      `/:id/registrations/:rid/${action}`,
      { schema: { tags, summary: `${action[0]!.toUpperCase()}${action.slice(1)} a registration`, params: RegistrationParams, response: { 200: Registration, ...errors } } },
      async (request) => {
        await authorise(request)
        return service.changeStatus(request.params.id, request.params.rid, to)
      },
    )
  }

  app.post(
    '/:id/registrations/:rid/resend',
    { schema: { tags, summary: 'Send a new join link (the old one stops working)', params: RegistrationParams, response: { 200: Registration, ...errors } } },
    async (request) => {
      await authorise(request)
      return service.resendLink(request.params.id, request.params.rid)
    },
  )
}
