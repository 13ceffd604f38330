import Type from 'typebox'
import { maxListOffset } from './errors.ts'
import { exampleIds, exampleTimes } from './examples.ts'
import { RegistrationStatus } from './registrations.ts'

/**
 * Registrants' data on request: everything held about one person (found by e-mail address, across every webinar)
 * as a JSON document, its erasure, and the audit log of both. The person is named in the log by a reference (an
 * HMAC of the address), never by the address, so the log survives the erasure without undoing it.
 */

const examplePersonEmail = 'ada@example.com'
/** Not a real reference: the shape of one (hex SHA-256), for the examples. */
const exampleSubjectRef = '3f6a9c2e' + '0'.repeat(56)

/** The name an erased registration keeps, everywhere its name stood (the mail it got, the room, Stream). */
export const erasedRegistrantName = 'Erased registrant'

export const PersonEmailBody = Type.Object(
  {
    email: Type.String({
      format: 'email',
      maxLength: 254,
      description: 'The person’s e-mail address; matched case-insensitively against every webinar’s registrations',
    }),
  },
  { additionalProperties: false, examples: [{ email: examplePersonEmail }] },
)
export type PersonEmailBody = Type.Static<typeof PersonEmailBody>

const Instant = Type.String({ format: 'date-time' })
const OptionalInstant = Type.Union([Type.String({ format: 'date-time' }), Type.Null()])

const exampleRegistrationExport = {
  id: exampleIds.registration,
  webinar: { id: exampleIds.webinar, title: 'Quarterly update', startTime: exampleTimes.start },
  name: 'Ada Lovelace',
  email: examplePersonEmail,
  phone: '+44 7700 900123',
  answers: [{ key: 'company', label: 'Company', value: 'Analytical Engines Ltd' }],
  status: 'approved' as const,
  timezone: 'Europe/London',
  source: 'public' as const,
  createdAt: exampleTimes.registered,
  attendance: {
    firstJoinedAt: '2030-05-04T16:02:10.000Z',
    lastLeftAt: '2030-05-04T16:55:40.000Z',
    watchSeconds: 3210,
    attended: true,
    sessions: [{ source: 'stream' as const, joinedAt: '2030-05-04T16:02:10.000Z', leftAt: '2030-05-04T16:55:40.000Z' }],
  },
  mail: [
    {
      kind: 'confirmation',
      subject: 'You’re registered: Quarterly update',
      status: 'sent' as const,
      sentAt: '2030-04-28T10:15:02.000Z',
      createdAt: exampleTimes.registered,
      text: 'Hi Ada Lovelace,\n\nyou’re registered for Quarterly update. …',
    },
  ],
  chatMessages: [{ body: 'Hello from London', isHidden: false, createdAt: '2030-05-04T16:03:00.000Z' }],
  questions: [{ body: 'Will there be a replay?', answer: 'Yes, by e-mail.', answeredAt: '2030-05-04T16:40:00.000Z', upvotes: 3, createdAt: '2030-05-04T16:10:00.000Z' }],
  pollVotes: [{ poll: 'Was this useful?', option: 'Yes', createdAt: '2030-05-04T16:30:00.000Z' }],
}

export const RegistrationExport = Type.Object({
  id: Type.String({ format: 'uuid', description: 'The registration' }),
  webinar: Type.Object({ id: Type.String({ format: 'uuid' }), title: Type.String(), startTime: Instant }),
  name: Type.String(),
  email: Type.String(),
  phone: Type.Union([Type.String(), Type.Null()]),
  answers: Type.Array(
    Type.Object({
      key: Type.String(),
      label: Type.String({ description: 'The form field’s label as the form has it now (the key when the field is gone)' }),
      value: Type.Union([Type.String(), Type.Boolean()]),
    }),
    { description: 'The answers to the registration form' },
  ),
  status: RegistrationStatus,
  timezone: Type.Union([Type.String(), Type.Null()]),
  source: Type.Enum(['public', 'admin']),
  createdAt: Instant,
  attendance: Type.Object({
    firstJoinedAt: OptionalInstant,
    lastLeftAt: OptionalInstant,
    watchSeconds: Type.Integer({ minimum: 0 }),
    attended: Type.Boolean(),
    sessions: Type.Array(
      Type.Object({
        source: Type.Enum(['stream', 'room'], { description: 'The call (Stream) or the room’s page (HLS viewers)' }),
        joinedAt: OptionalInstant,
        leftAt: OptionalInstant,
      }),
    ),
  }),
  mail: Type.Array(
    Type.Object({
      kind: Type.String(),
      subject: Type.String(),
      status: Type.Enum(['queued', 'sent', 'failed', 'kept']),
      sentAt: OptionalInstant,
      createdAt: Instant,
      text: Type.String({ description: 'The plain-text body as stored: the personal link’s token stands as a placeholder' }),
    }),
  ),
  chatMessages: Type.Array(Type.Object({ body: Type.String(), isHidden: Type.Boolean(), createdAt: Instant })),
  questions: Type.Array(
    Type.Object({
      body: Type.String(),
      answer: Type.Union([Type.String(), Type.Null()]),
      answeredAt: OptionalInstant,
      upvotes: Type.Integer({ minimum: 0 }),
      createdAt: Instant,
    }),
  ),
  pollVotes: Type.Array(Type.Object({ poll: Type.String({ description: 'The poll’s question' }), option: Type.String(), createdAt: Instant })),
})
export type RegistrationExport = Type.Static<typeof RegistrationExport>

export const PersonExport = Type.Object(
  {
    email: Type.String({ description: 'The address asked for' }),
    exportedAt: Instant,
    registrations: Type.Array(RegistrationExport, { description: 'Every registration under that address, oldest first; erased ones are not found' }),
  },
  { examples: [{ email: examplePersonEmail, exportedAt: '2030-06-01T09:00:00.000Z', registrations: [exampleRegistrationExport] }] },
)
export type PersonExport = Type.Static<typeof PersonExport>

export const ErasedPerson = Type.Object(
  { erasedRegistrations: Type.Integer({ minimum: 0, description: 'Registrations erased now (already erased ones are not counted)' }) },
  { examples: [{ erasedRegistrations: 2 }] },
)
export type ErasedPerson = Type.Static<typeof ErasedPerson>

export const auditActions = ['person.exported', 'person.erased'] as const
export const AuditAction = Type.Enum([...auditActions])
export type AuditAction = Type.Static<typeof AuditAction>

const exampleAuditEntry = {
  id: exampleIds.auditEntry,
  action: 'person.erased' as const,
  actorKind: 'staff' as const,
  actorUserId: exampleIds.owner,
  actorName: 'Olive Owner',
  subjectRef: exampleSubjectRef,
  detail: { registrations: 2, mails: 5 },
  createdAt: '2030-06-01T09:05:00.000Z',
}

export const AuditEntry = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    action: AuditAction,
    actorKind: Type.Enum(['staff', 'registrant'], { description: 'staff: an owner or admin; registrant: the person themselves, from their personal link' }),
    actorUserId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
    actorName: Type.Union([Type.String(), Type.Null()], { description: 'The staff member’s name; null for a registrant or a removed staff member' }),
    subjectRef: Type.String({ description: 'Who it was about: an HMAC of their e-mail address (the same address gives the same reference)' }),
    detail: Type.Record(Type.String(), Type.Integer(), { description: 'What it covered, counted (registrations, mails, chat messages, …)' }),
    createdAt: Instant,
  },
  { examples: [exampleAuditEntry] },
)
export type AuditEntry = Type.Static<typeof AuditEntry>

export const AuditLogQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: maxListOffset })),
  },
  { additionalProperties: false },
)
export type AuditLogQuery = Type.Static<typeof AuditLogQuery>

export const AuditLog = Type.Object(
  { items: Type.Array(AuditEntry, { description: 'Newest first' }), total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer() },
  { examples: [{ items: [exampleAuditEntry], total: 1, limit: 20, offset: 0 }] },
)
export type AuditLog = Type.Static<typeof AuditLog>
