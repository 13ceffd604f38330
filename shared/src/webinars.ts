import Type from 'typebox'
import { maxListOffset } from './errors.ts'
import { exampleIds, exampleStreamCallId, exampleTimes } from './examples.ts'
import { exampleHost } from './users.ts'

/** Registration form fields (DESIGN.md data model). Name and e-mail are always present. */
export const FormFieldType = Type.Enum(['text', 'email', 'phone', 'textarea', 'select', 'checkbox', 'consent'])
export type FormFieldType = Type.Static<typeof FormFieldType>

export const FormField = Type.Object(
  {
    key: Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$', description: 'Stable key of the answer, e.g. "company"' }),
    type: FormFieldType,
    label: Type.String({ minLength: 1, maxLength: 200 }),
    placeholder: Type.Optional(Type.String({ maxLength: 200 })),
    required: Type.Boolean(),
    options: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 50, description: 'Choices of a select field' })),
    linkUrl: Type.Optional(
      Type.String({
        maxLength: 500,
        pattern: '^https?://[^\\s/?#]+[^\\s]*$',
        description: 'A consent field only: the page its label refers to (terms, privacy policy), linked on the registration form',
      }),
    ),
  },
  { additionalProperties: false },
)
export type FormField = Type.Static<typeof FormField>

export const RegistrationForm = Type.Object(
  { fields: Type.Array(FormField, { minItems: 2, maxItems: 30 }) },
  { additionalProperties: false },
)
export type RegistrationForm = Type.Static<typeof RegistrationForm>

export const defaultRegistrationForm: RegistrationForm = {
  fields: [
    { key: 'name', type: 'text', label: 'Full name', required: true },
    { key: 'email', type: 'email', label: 'E-mail', required: true },
    { key: 'mobile', type: 'phone', label: 'Mobile phone', required: false },
  ],
}

export const WebinarSettings = Type.Object(
  {
    record: Type.Boolean({ description: 'Record the call when the webinar starts' }),
    viewerMode: Type.Enum(['webrtc', 'hls'], {
      description:
        'How attendees watch. webrtc: in the call, under a second behind the speakers, for audiences up to a few thousand. hls: a broadcast (HLS) that scales to any audience, 10 to 30 seconds behind.',
    }),
    captions: Type.Boolean({ description: 'Turn on closed captions when the webinar starts (hosts can turn them on and off live)' }),
    chat: Type.Boolean(),
    qna: Type.Boolean(),
    joinAheadSeconds: Type.Integer({ minimum: 0, maximum: 3600, description: 'How early attendees may enter the room' }),
    handRaising: Type.Boolean({ description: 'Attendees may raise a hand to ask to speak; the host or a co-host brings them on stage' }),
    chatSlowModeSeconds: Type.Integer({
      minimum: 0,
      maximum: 3600,
      description: 'Slow mode: each attendee may post one chat message per this many seconds (0: off). Hosts and speakers are not slowed.',
    }),
  },
  { additionalProperties: false },
)
export type WebinarSettings = Type.Static<typeof WebinarSettings>

export const defaultWebinarSettings: WebinarSettings = {
  record: true,
  viewerMode: 'webrtc',
  captions: false,
  chat: true,
  qna: true,
  joinAheadSeconds: 600,
  handRaising: true,
  chatSlowModeSeconds: 0,
}

/** Watch time from which a registrant counts as attended, unless the webinar says otherwise (the column's default too). */
export const defaultAttendedThresholdSeconds = 600

export const WebinarStatus = Type.Enum(['draft', 'scheduled', 'live', 'ended', 'cancelled'])
export type WebinarStatus = Type.Static<typeof WebinarStatus>
export const Provisioning = Type.Enum(['pending', 'ready', 'failed'])
export type Provisioning = Type.Static<typeof Provisioning>
export const ApprovalMode = Type.Enum(['auto', 'manual'])

const dateTime = (description: string) => Type.String({ format: 'date-time', description })

/** The fields a webinar is made of; a series' defaults are the same fields. */
export const webinarFields = {
  title: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.String({ maxLength: 20_000 }),
  startTime: dateTime('Start, ISO 8601 with an offset, e.g. 2030-05-04T18:00:00+02:00'),
  timezone: Type.String({ minLength: 1, maxLength: 64, description: 'IANA timezone the webinar is presented in, e.g. Europe/Paris' }),
  durationMinutes: Type.Integer({ minimum: 1, maximum: 1440 }),
  capacity: Type.Union([Type.Integer({ minimum: 1, maximum: 1_000_000 }), Type.Null()], { description: 'Seats; null for unlimited' }),
  registrationDeadline: Type.Union([dateTime('Registration closes at this instant'), Type.Null()]),
  approvalMode: ApprovalMode,
  settings: Type.Partial(WebinarSettings, { additionalProperties: false }),
  hostId: Type.String({ format: 'uuid', description: 'Staff member who runs the webinar; defaults to the creator' }),
  registrationForm: RegistrationForm,
  attendedThresholdSeconds: Type.Integer({
    minimum: 0,
    maximum: 86_400,
    description: 'Watch time (seconds, during the live webinar) from which a registrant counts as attended; 600 by default',
  }),
}

const exampleRegistrationForm: RegistrationForm = {
  fields: [
    ...defaultRegistrationForm.fields,
    { key: 'company', type: 'text', label: 'Company', placeholder: 'Where you work', required: false },
  ],
}

const exampleCreateWebinar = {
  title: 'Quarterly update',
  description: 'Results of the quarter, the roadmap, and your questions.',
  startTime: '2030-05-04T18:00:00+02:00',
  timezone: 'Europe/Paris',
  durationMinutes: 60,
  capacity: 500,
  registrationDeadline: '2030-05-04T17:30:00+02:00',
  approvalMode: 'auto' as const,
  settings: { record: true, viewerMode: 'webrtc' as const, qna: true },
  hostId: exampleIds.host,
  registrationForm: exampleRegistrationForm,
  attendedThresholdSeconds: 600,
}

/** A webinar as the API answers with it (GET /api/webinars/{id}), before it goes live. */
export const exampleWebinar = {
  id: exampleIds.webinar,
  slug: 'quarterly-update',
  title: exampleCreateWebinar.title,
  description: exampleCreateWebinar.description,
  startTime: exampleTimes.start,
  endTime: exampleTimes.end,
  timezone: exampleCreateWebinar.timezone,
  durationMinutes: exampleCreateWebinar.durationMinutes,
  capacity: exampleCreateWebinar.capacity,
  registrationDeadline: '2030-05-04T15:30:00.000Z',
  approvalMode: exampleCreateWebinar.approvalMode,
  status: 'scheduled' as const,
  settings: { ...defaultWebinarSettings, ...exampleCreateWebinar.settings },
  host: { id: exampleHost.id, name: exampleHost.name, email: exampleHost.email },
  registrationForm: exampleRegistrationForm,
  attendedThresholdSeconds: exampleCreateWebinar.attendedThresholdSeconds,
  series: null,
  streamCallType: 'webinar',
  streamCallId: exampleStreamCallId,
  streamCallCid: `webinar:${exampleStreamCallId}`,
  provisioning: 'ready' as const,
  provisioningError: null,
  hlsPlaylistUrl: null,
  isCaptioning: false,
  liveStartedAt: null,
  endedAt: null,
  cancelledAt: null,
  createdAt: exampleTimes.webinarCreated,
  updatedAt: exampleTimes.webinarCreated,
}

export const CreateWebinarBody = Type.Object(
  {
    title: webinarFields.title,
    description: Type.Optional(webinarFields.description),
    startTime: webinarFields.startTime,
    timezone: webinarFields.timezone,
    durationMinutes: webinarFields.durationMinutes,
    capacity: Type.Optional(webinarFields.capacity),
    registrationDeadline: Type.Optional(webinarFields.registrationDeadline),
    approvalMode: Type.Optional(webinarFields.approvalMode),
    settings: Type.Optional(webinarFields.settings),
    hostId: Type.Optional(webinarFields.hostId),
    registrationForm: Type.Optional(webinarFields.registrationForm),
    attendedThresholdSeconds: Type.Optional(webinarFields.attendedThresholdSeconds),
  },
  { additionalProperties: false, examples: [exampleCreateWebinar] },
)
export type CreateWebinarBody = Type.Static<typeof CreateWebinarBody>

/** Scheduling a copy of a webinar: only when it starts, the rest comes from the original. */
export const DuplicateWebinarBody = Type.Object(
  {
    startTime: Type.Optional(
      dateTime(
        'Start of the copy, ISO 8601 with an offset. Default: a week after the original when that is still ahead, else a week from now on the next full hour',
      ),
    ),
  },
  { additionalProperties: false, examples: [{ startTime: '2030-05-11T18:00:00+02:00' }] },
)
export type DuplicateWebinarBody = Type.Static<typeof DuplicateWebinarBody>

const weekMs = 7 * 24 * 3600_000
const hourMs = 3600_000

/**
 * Where a copy starts unless told: a week after the original (a weekly session) when that is still ahead, else a
 * week from now on the next full hour (a past webinar run again). The dialog prefills it; the API defaults to it.
 */
export function defaultDuplicateStartTime(originalStart: Date, now: Date): Date {
  const weekAfterOriginal = originalStart.getTime() + weekMs
  if (weekAfterOriginal > now.getTime()) return new Date(weekAfterOriginal)
  return new Date(Math.ceil((now.getTime() + weekMs) / hourMs) * hourMs)
}

/** Any subset of the creation fields; at least one. */
export const UpdateWebinarBody = Type.Partial(CreateWebinarBody, {
  additionalProperties: false,
  minProperties: 1,
  examples: [{ startTime: '2030-05-04T18:30:00+02:00', capacity: 750 }],
})
export type UpdateWebinarBody = Type.Static<typeof UpdateWebinarBody>

export const WebinarHost = Type.Object({ id: Type.String(), name: Type.String(), email: Type.String() })

export const Webinar = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    slug: Type.String(),
    title: Type.String(),
    description: Type.String(),
    startTime: Type.String({ format: 'date-time' }),
    endTime: Type.String({ format: 'date-time' }),
    timezone: Type.String(),
    durationMinutes: Type.Integer(),
    capacity: Type.Union([Type.Integer(), Type.Null()]),
    registrationDeadline: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    approvalMode: ApprovalMode,
    status: WebinarStatus,
    settings: WebinarSettings,
    host: WebinarHost,
    registrationForm: RegistrationForm,
    attendedThresholdSeconds: webinarFields.attendedThresholdSeconds,
    series: Type.Union([Type.Object({ id: Type.String({ format: 'uuid' }), slug: Type.String(), title: Type.String() }), Type.Null()], {
      description: 'The recurring series this webinar is an occurrence of',
    }),
    streamCallType: Type.String(),
    streamCallId: Type.String(),
    streamCallCid: Type.String(),
    provisioning: Provisioning,
    provisioningError: Type.Union([Type.String(), Type.Null()]),
    hlsPlaylistUrl: Type.Union([Type.String(), Type.Null()]),
    isCaptioning: Type.Boolean({ description: 'Closed captions are on in the call now' }),
    liveStartedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    endedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    cancelledAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { examples: [exampleWebinar] },
)
export type Webinar = Type.Static<typeof Webinar>

export const WebinarListQuery = Type.Object(
  {
    status: Type.Optional(WebinarStatus),
    when: Type.Optional(Type.Enum(['upcoming', 'past'], { description: 'upcoming: not yet ended; past: ended or over' })),
    q: Type.Optional(Type.String({ maxLength: 200, description: 'Search in titles' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: 'Page size (default 20)' })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: maxListOffset, description: 'Items to skip (default 0)' })),
  },
  { additionalProperties: false },
)
export type WebinarListQuery = Type.Static<typeof WebinarListQuery>

export const WebinarList = Type.Object(
  {
    items: Type.Array(Webinar),
    total: Type.Integer(),
    limit: Type.Integer(),
    offset: Type.Integer(),
  },
  { examples: [{ items: [exampleWebinar], total: 1, limit: 20, offset: 0 }] },
)
export type WebinarList = Type.Static<typeof WebinarList>

export const WebinarIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) })

/** What the browser SDK needs to join the webinar's call. */
export const StreamCredentials = Type.Object(
  {
    apiKey: Type.String(),
    token: Type.String(),
    userId: Type.String(),
    userName: Type.String(),
    callType: Type.String(),
    callId: Type.String(),
    expiresAt: Type.String({ format: 'date-time' }),
    isLocalMode: Type.Boolean({ description: 'True when video runs against the built-in emulator (no Stream keys)' }),
    localPresenceUrl: Type.Union([Type.String(), Type.Null()], {
      description:
        'Local mode only: where the browser holds its connection to the call (sending this token in Authorization), standing in for Stream\'s SFU so that joins and leaves reach the emulator',
    }),
  },
  {
    examples: [
      {
        apiKey: 'example-stream-api-key',
        token: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleGFtcGxlIjp0cnVlfQ.not-a-real-signature',
        userId: `staff_${exampleIds.host}`,
        userName: exampleHost.name,
        callType: 'webinar',
        callId: exampleStreamCallId,
        expiresAt: '2030-05-04T19:00:00.000Z',
        isLocalMode: false,
        localPresenceUrl: null,
      },
    ],
  },
)
export type StreamCredentials = Type.Static<typeof StreamCredentials>

/** For broadcasting from OBS or another encoder instead of the browser: the call's RTMP ingress. */
export const RtmpIngress = Type.Object(
  {
    address: Type.String({ description: "The call's RTMP ingress address (OBS: Server)" }),
    streamKey: Type.String({ description: 'A host token for this call (OBS: Stream Key); keep it secret' }),
    expiresAt: Type.String({ format: 'date-time', description: 'The stream key stops working after this' }),
  },
  {
    examples: [
      {
        address: 'rtmps://ingress.stream-io-video.com:443/example-stream-api-key.webinar.' + exampleStreamCallId,
        streamKey: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleGFtcGxlIjp0cnVlfQ.not-a-real-signature',
        expiresAt: '2030-05-04T19:00:00.000Z',
      },
    ],
  },
)
export type RtmpIngress = Type.Static<typeof RtmpIngress>

export const CaptionsBody = Type.Object({ isOn: Type.Boolean() }, { additionalProperties: false, examples: [{ isOn: true }] })
export type CaptionsBody = Type.Static<typeof CaptionsBody>

export const DeleteWebinarBody = Type.Object(
  {
    records: Type.Enum(['keep', 'erase'], {
      description:
        'keep: registrations, answers and mail stay in the database for reports and exports (the webinar disappears from lists); erase: they are deleted with the webinar',
    }),
  },
  { additionalProperties: false, examples: [{ records: 'keep' }] },
)
export type DeleteWebinarBody = Type.Static<typeof DeleteWebinarBody>
