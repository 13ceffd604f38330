import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorResponse } from '@webinar/shared/errors'
import { AuditLog, AuditLogQuery, ErasedPerson, PersonEmailBody, PersonExport } from '@webinar/shared/privacy'
import { JoinTokenParams } from '@webinar/shared/registrations'
import { perLinkLimit } from '../http/per-link-limit.ts'
import { currentStaff, requireRole } from '../users/staff.ts'
import type { PrivacyService } from './privacy-service.ts'

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse }
const tags = ['privacy']

/**
 * Registrants' data on request, for owners and admins (their API keys included): export and erase a person by
 * e-mail address, and the audit log of both. The address travels in the body, never in a URL, so that no
 * access log, proxy or browser history keeps it.
 */
export const privacyRoutes: FastifyPluginAsyncTypebox<{ service: PrivacyService }> = async (app, { service }) => {
  app.addHook('preHandler', requireRole('owner', 'admin'))

  app.post(
    '/people/export',
    {
      schema: {
        tags,
        summary: 'Everything held about one person, by e-mail address, as a JSON file',
        description:
          'Every registration under the address (case-insensitive) in every webinar, with answers, attendance, mail, chat, questions and poll votes. ' +
          'Answered as an attachment (`person-<reference>.json`). Recorded in the audit log, also when nothing is held.',
        body: PersonEmailBody,
        response: { 200: PersonExport, ...errors },
      },
    },
    async (request, reply) => {
      const { document, filename } = await service.exportPerson(currentStaff(request), request.body.email)
      return reply.header('content-disposition', `attachment; filename="${filename}"`).header('cache-control', 'no-store').send(document)
    },
  )

  app.post(
    '/people/erase',
    {
      schema: {
        tags,
        summary: 'Erase one person, by e-mail address, from every webinar',
        description:
          'In one transaction: registrations anonymised (their status kept, so counts and reports do not change), mail emptied and queued mail never sent, ' +
          'their name and address removed from chat, questions, the room’s history, Stream’s stored webhooks and integrators’ deliveries; then their Stream user renamed. ' +
          'Cannot be undone. An address with nothing (left) to erase answers 0. Recorded in the audit log.',
        body: PersonEmailBody,
        response: { 200: ErasedPerson, ...errors },
      },
    },
    async (request) => service.erasePerson(currentStaff(request), request.body.email),
  )

  app.get(
    '/audit-log',
    {
      schema: {
        tags,
        summary: 'Who exported or erased whose data, and when (newest first)',
        description: 'The person is named by a reference (an HMAC of their address), never by the address.',
        querystring: AuditLogQuery,
        response: { 200: AuditLog, ...errors },
      },
    },
    async (request) => service.listAuditLog(request.query),
  )
}

/** The registrant's own request, from their personal link (`/api/join/:token/erase`): no account, the link is the key. */
export const registrantPrivacyRoutes: FastifyPluginAsyncTypebox<{ service: PrivacyService }> = async (app, { service }) => {
  app.post(
    '/:token/erase',
    {
      config: perLinkLimit('erase', 10),
      schema: {
        tags: ['join'],
        summary: 'Cancel and erase my data: every registration under this link’s e-mail address',
        description:
          'Registrations still ahead are cancelled (without mail), then everything under the address is erased as `POST /api/people/erase` does. The link stops working.',
        params: JoinTokenParams,
        response: { 200: ErasedPerson, 400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 429: ErrorResponse },
      },
    },
    async (request) => service.eraseByJoinToken(request.params.token),
  )
}
