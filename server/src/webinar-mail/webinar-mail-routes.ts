import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorResponse } from '@webinar/shared/errors'
import { MailboxList, WebinarMailQuery } from '@webinar/shared/mailbox'
import { WebinarIdParams } from '@webinar/shared/webinars'
import { currentStaff } from '../users/staff.ts'
import type { WebinarMailService } from './webinar-mail-service.ts'

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse }

/** A webinar's mail (`/api/webinars/:id/mail`) as its page lists it; the outbox itself is the email domain's. */
export const webinarMailRoutes: FastifyPluginAsyncTypebox<{ service: WebinarMailService }> = async (app, { service }) => {
  app.get(
    '/:id/mail',
    {
      schema: {
        tags: ['mailbox'],
        summary: 'The mail sent for a webinar, newest first: recipient, kind, subject, delivery state (no bodies)',
        description:
          'For the webinar’s host, its co-hosts and admins. `id` of each mail is its Mailbox id (`GET /api/mailbox/{id}`, owners and admins), where its body is.',
        params: WebinarIdParams,
        querystring: WebinarMailQuery,
        response: { 200: MailboxList, ...errors },
      },
    },
    async (request) => service.list(currentStaff(request), request.params.id, request.query),
  )
}
