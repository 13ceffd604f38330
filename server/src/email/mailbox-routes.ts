import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorResponse } from '@webinar/shared/errors'
import { MailboxList, MailboxMessage, MailboxQuery, type MailboxSummary } from '@webinar/shared/mailbox'
import { and, count, desc, eq, ilike, type SQL } from 'drizzle-orm'
import Type from 'typebox'
import { requireRole } from '../auth/authenticate.ts'
import type { Database } from '../db/client.ts'
import { emailMessages } from '../db/schema.ts'
import { notFound } from '../errors.ts'

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse }
const summaryColumns = {
  id: emailMessages.id,
  webinarId: emailMessages.webinarId,
  registrationId: emailMessages.registrationId,
  kind: emailMessages.kind,
  to: emailMessages.toEmail,
  subject: emailMessages.subject,
  status: emailMessages.status,
  attempts: emailMessages.attempts,
  lastError: emailMessages.lastError,
  sentAt: emailMessages.sentAt,
  createdAt: emailMessages.createdAt,
}

type SummaryRow = { [K in keyof typeof summaryColumns]: (typeof summaryColumns)[K]['_']['data'] | null }

function toSummary(row: SummaryRow): MailboxSummary {
  return {
    ...(row as Omit<MailboxSummary, 'sentAt' | 'createdAt'>),
    sentAt: row.sentAt?.toISOString() ?? null,
    createdAt: row.createdAt!.toISOString(),
  }
}

/** The outbox as the admins see it: every mail, sent or kept (no SMTP), with its delivery state. */
export const mailboxRoutes: FastifyPluginAsyncTypebox<{ db: Database }> = async (app, { db }) => {
  app.addHook('preHandler', requireRole('owner', 'admin'))

  app.get(
    '',
    { schema: { tags: ['mailbox'], summary: 'List mail (newest first)', querystring: MailboxQuery, response: { 200: MailboxList, ...errors } } },
    async (request) => {
      const { webinarId, to, kind, limit = 50, offset = 0 } = request.query
      const conditions: SQL[] = []
      if (webinarId) conditions.push(eq(emailMessages.webinarId, webinarId))
      if (to) conditions.push(ilike(emailMessages.toEmail, `%${to.replace(/[\\%_]/g, '\\$&')}%`))
      if (kind) conditions.push(eq(emailMessages.kind, kind))
      const where = conditions.length > 0 ? and(...conditions) : undefined
      const rows = await db.select(summaryColumns).from(emailMessages).where(where).orderBy(desc(emailMessages.createdAt), desc(emailMessages.id)).limit(limit).offset(offset)
      const [total] = await db.select({ value: count() }).from(emailMessages).where(where)
      return { items: rows.map((row) => toSummary(row as SummaryRow)), total: total?.value ?? 0, limit, offset }
    },
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
    async (request) => {
      const [row] = await db
        .select({ ...summaryColumns, html: emailMessages.html, text: emailMessages.text, ics: emailMessages.ics })
        .from(emailMessages)
        .where(eq(emailMessages.id, request.params.id))
      if (!row) throw notFound('Mail')
      return { ...toSummary(row as SummaryRow), html: row.html, text: row.text, ics: row.ics }
    },
  )
}
