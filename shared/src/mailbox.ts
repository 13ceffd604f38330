import Type from 'typebox'
import { maxListOffset } from './errors.ts'

export const MailboxQuery = Type.Object(
  {
    webinarId: Type.Optional(Type.String({ format: 'uuid' })),
    to: Type.Optional(Type.String({ maxLength: 254, description: 'Part of the recipient address' })),
    kind: Type.Optional(Type.String({ maxLength: 40, description: 'e.g. confirmation, reminder_24h, live_now' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: maxListOffset })),
  },
  { additionalProperties: false },
)
export type MailboxQuery = Type.Static<typeof MailboxQuery>

/**
 * Stored mail holds this where a registrant's join token goes (in the join, cancel and calendar links): the
 * token is put in when the mail goes out, so the outbox, the Mailbox and backups never hold a working link.
 * Only characters that HTML, URL and iCalendar escaping leave as they are.
 */
export const joinTokenPlaceholder = '__personal_join_token__'

export const MailboxSummary = Type.Object({
  id: Type.String({ format: 'uuid' }),
  webinarId: Type.String({ format: 'uuid' }),
  registrationId: Type.String({ format: 'uuid' }),
  kind: Type.String(),
  to: Type.String(),
  subject: Type.String(),
  status: Type.Enum(['queued', 'sent', 'failed', 'kept']),
  attempts: Type.Integer(),
  lastError: Type.Union([Type.String(), Type.Null()]),
  sentAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
})
export type MailboxSummary = Type.Static<typeof MailboxSummary>

export const MailboxList = Type.Object({ items: Type.Array(MailboxSummary), total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer() })
export type MailboxList = Type.Static<typeof MailboxList>

export const MailboxMessage = Type.Intersect([
  MailboxSummary,
  Type.Object({ html: Type.String(), text: Type.String(), ics: Type.Union([Type.String(), Type.Null()]) }),
])
export type MailboxMessage = Type.Static<typeof MailboxMessage>
