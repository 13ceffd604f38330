import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorResponse } from '@webinar/shared/errors'
import { MailboxList, MailboxMessage, MailboxQuery } from '@webinar/shared/mailbox'
import Type from 'typebox'
import { requireRole } from '../users/staff.ts'
import type { MailboxService } from './mailbox-service.ts'

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse }

/** The outbox as the admins see it: every mail, sent or kept (no SMTP), with its delivery state. */
export const mailboxRoutes: FastifyPluginAsyncTypebox<{ service: MailboxService }> = async (app, { service }) => {
  app.addHook('preHandler', requireRole('owner', 'admin'))

  app.get(
    '',
    { schema: { tags: ['mailbox'], summary: 'List mail (newest first)', querystring: MailboxQuery, response: { 200: MailboxList, ...errors } } },
    async (request) => service.list(request.query),
  )

  app.get(
    '/:id',
    {
      schema: {
        tags: ['mailbox'],
        summary: 'One mail with its bodies',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: MailboxMessage, ...errors },
      },
    },
    async (request) => service.get(request.params.id),
  )
}
