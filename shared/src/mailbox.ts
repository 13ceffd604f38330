import Type from 'typebox'
import { maxListOffset } from './errors.ts'
import { exampleIds } from './examples.ts'

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

/** One webinar's mail (`GET /api/webinars/{id}/mail`), newest first, by delivery state. */
export const WebinarMailQuery = Type.Object(
  {
    status: Type.Optional(
      Type.Enum(['queued', 'sent', 'failed', 'kept'], {
        description: 'queued: waiting to be sent; sent: taken by the mail server; failed: every attempt failed; kept: no mail server (local Mailbox)',
      }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, description: 'Page size (default 25)' })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: maxListOffset, description: 'Items to skip (default 0)' })),
  },
  { additionalProperties: false },
)
export type WebinarMailQuery = Type.Static<typeof WebinarMailQuery>

/**
 * Stored mail holds this where a registrant's join token goes (in the join, cancel and calendar links): the
 * token is put in when the mail goes out, so the outbox, the Mailbox and backups never hold a working link.
 * Only characters that HTML, URL and iCalendar escaping leave as they are.
 */
export const joinTokenPlaceholder = '__personal_join_token__'

// Not on MailboxSummary itself: MailboxMessage extends it (allOf), where OpenAPI 3.0 has no place for `examples`.
const exampleMailSummary = {
  id: exampleIds.mail,
  webinarId: exampleIds.webinar,
  registrationId: exampleIds.registration,
  kind: 'confirmation',
  to: 'ada@example.com',
  subject: "You're registered: Quarterly update",
  status: 'sent' as const,
  attempts: 1,
  lastError: null,
  sentAt: '2030-04-28T10:15:04.000Z',
  createdAt: '2030-04-28T10:15:00.000Z',
}
const exampleJoinLink = `https://webinars.example.com/join/${joinTokenPlaceholder}`

export const MailboxSummary = Type.Object({
  id: Type.String({ format: 'uuid' }),
  webinarId: Type.String({ format: 'uuid' }),
  /** Null for a mail to a guest speaker (their invitation). */
  registrationId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
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

export const MailboxList = Type.Object(
  { items: Type.Array(MailboxSummary), total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer() },
  { examples: [{ items: [exampleMailSummary], total: 1, limit: 50, offset: 0 }] },
)
export type MailboxList = Type.Static<typeof MailboxList>

export const MailboxMessage = Type.Intersect(
  [MailboxSummary, Type.Object({ html: Type.String(), text: Type.String(), ics: Type.Union([Type.String(), Type.Null()]) })],
  {
    examples: [
      {
        ...exampleMailSummary,
        html: `<p>Hi Ada,</p><p>You're registered for <strong>Quarterly update</strong> on Saturday 4 May 2030 at 17:00 (Europe/London).</p><p><a href="${exampleJoinLink}">Join the webinar</a></p>`,
        text: `Hi Ada,\n\nYou're registered for Quarterly update on Saturday 4 May 2030 at 17:00 (Europe/London).\n\nJoin the webinar: ${exampleJoinLink}\n`,
        ics: `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Webinar platform//EN\r\nBEGIN:VEVENT\r\nUID:${exampleIds.webinar}@webinars.example.com\r\nDTSTART:20300504T160000Z\r\nDTEND:20300504T170000Z\r\nSUMMARY:Quarterly update\r\nURL:${exampleJoinLink}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n`,
      },
    ],
  },
)
export type MailboxMessage = Type.Static<typeof MailboxMessage>
