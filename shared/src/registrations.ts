import Type from 'typebox'
import { maxListOffset } from './errors.ts'
import { exampleIds, exampleTimes } from './examples.ts'
import { RegistrationForm, WebinarStatus } from './webinars.ts'

const exampleRegistrant = {
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  answers: { mobile: '+44 7700 900123', company: 'Analytical Engines Ltd' },
  timezone: 'Europe/London',
}

/** A registration as the staff see it (and as webhooks carry it). */
export const exampleRegistration = {
  id: exampleIds.registration,
  webinarId: exampleIds.webinar,
  name: exampleRegistrant.name,
  email: exampleRegistrant.email,
  phone: exampleRegistrant.answers.mobile,
  answers: exampleRegistrant.answers,
  status: 'approved' as const,
  timezone: exampleRegistrant.timezone,
  source: 'public' as const,
  streamUserId: `reg_${exampleIds.registration}`,
  createdAt: exampleTimes.registered,
  updatedAt: exampleTimes.registered,
}

export const RegistrationStatus = Type.Enum(['pending', 'approved', 'rejected', 'waitlisted', 'cancelled'])
export type RegistrationStatus = Type.Static<typeof RegistrationStatus>

/** What anyone may see of a webinar on its public page. */
export const PublicWebinar = Type.Object({
  slug: Type.String(),
  title: Type.String(),
  description: Type.String(),
  hostName: Type.String(),
  startTime: Type.String({ format: 'date-time' }),
  endTime: Type.String({ format: 'date-time' }),
  timezone: Type.String(),
  durationMinutes: Type.Integer(),
  status: WebinarStatus,
  approvalMode: Type.Enum(['auto', 'manual']),
  liveStartedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'When it actually went live' }),
  endedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'When it actually ended' }),
  registrationForm: RegistrationForm,
  seatsLeft: Type.Union([Type.Integer(), Type.Null()], { description: 'null when the webinar has no capacity limit' }),
  registration: Type.Object({
    isOpen: Type.Boolean(),
    closedReason: Type.Union([Type.Enum(['deadline_passed', 'cancelled', 'ended', 'live_over']), Type.Null()]),
    willWaitlist: Type.Boolean({ description: 'True when seats are gone: new registrations join the waitlist' }),
  }),
})
export type PublicWebinar = Type.Static<typeof PublicWebinar>

export const SlugParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 80, pattern: '^[a-z0-9-]+$' }) })

export const Answers = Type.Record(Type.String({ maxLength: 40 }), Type.Union([Type.String({ maxLength: 5000 }), Type.Boolean()]))

export const RegisterBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 120 }),
    email: Type.String({ format: 'email', maxLength: 254 }),
    answers: Type.Optional(Answers),
    timezone: Type.Optional(Type.String({ maxLength: 64, description: "The registrant's IANA timezone, for times in mail" })),
  },
  { additionalProperties: false, examples: [exampleRegistrant] },
)
export type RegisterBody = Type.Static<typeof RegisterBody>

/**
 * The same for an address already registered as for a new one (nobody learns who is registered): the status a
 * registration made now gets. The personal join link goes by e-mail only, again to an address already registered.
 */
export const RegistrationReceipt = Type.Object(
  {
    status: Type.Enum(['approved', 'pending', 'waitlisted']),
    email: Type.String(),
  },
  { examples: [{ status: 'approved', email: exampleRegistrant.email }] },
)
export type RegistrationReceipt = Type.Static<typeof RegistrationReceipt>

export const JoinTokenParams = Type.Object({ token: Type.String({ minLength: 20, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' }) })

/** The registration and webinar as the attendee sees them through their personal link. */
export const JoinView = Type.Object({
  registration: Type.Object({ name: Type.String(), email: Type.String(), status: RegistrationStatus, streamUserId: Type.String() }),
  webinarId: Type.String({ format: 'uuid' }),
  call: Type.Object({ type: Type.String(), id: Type.String() }, { description: "The webinar's Stream call" }),
  webinar: Type.Omit(PublicWebinar, ['registrationForm', 'registration', 'seatsLeft']),
  joinOpensAt: Type.String({ format: 'date-time', description: 'From when the room can be entered (join-ahead window)' }),
  viewing: Type.Object({
    mode: Type.Enum(['webrtc', 'hls'], { description: 'How this attendee watches: in the call (WebRTC) or the HLS broadcast; never both' }),
    hlsPlaylistUrl: Type.Union([Type.String(), Type.Null()], { description: 'The broadcast, once live (hls mode)' }),
    isCaptioning: Type.Boolean(),
  }),
})
export type JoinView = Type.Static<typeof JoinView>

export const Registration = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    webinarId: Type.String({ format: 'uuid' }),
    name: Type.String(),
    email: Type.String(),
    phone: Type.Union([Type.String(), Type.Null()]),
    answers: Answers,
    status: RegistrationStatus,
    timezone: Type.Union([Type.String(), Type.Null()]),
    source: Type.Enum(['public', 'admin']),
    streamUserId: Type.String(),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { examples: [exampleRegistration] },
)
export type Registration = Type.Static<typeof Registration>

export const RegistrationListQuery = Type.Object(
  {
    status: Type.Optional(RegistrationStatus),
    q: Type.Optional(Type.String({ maxLength: 200, description: 'Search names and e-mails' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: maxListOffset })),
  },
  { additionalProperties: false },
)
export type RegistrationListQuery = Type.Static<typeof RegistrationListQuery>

/**
 * A registrant's attendance of the live webinar (its Stream call and its room, two tabs counted once), as of the
 * last change seen: nothing yet for someone never present.
 */
export const RegistrationAttendance = Type.Object({
  firstJoinedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'First moment present while the webinar was live' }),
  lastLeftAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'Last moment present; null while still there' }),
  watchSeconds: Type.Integer({ minimum: 0, description: 'Time present while the webinar was live, overlaps counted once' }),
  attended: Type.Boolean({ description: "watchSeconds reached the webinar's attendedThresholdSeconds" }),
})
export type RegistrationAttendance = Type.Static<typeof RegistrationAttendance>

const exampleRegistrationListItem = {
  ...exampleRegistration,
  firstJoinedAt: '2030-05-04T16:01:12.000Z',
  lastLeftAt: '2030-05-04T16:58:40.000Z',
  watchSeconds: 3448,
  attended: true,
}

/** A registration in the staff's list: the registration and its attendance. */
export const RegistrationListItem = Type.Object(
  { ...Registration.properties, ...RegistrationAttendance.properties },
  { examples: [exampleRegistrationListItem] },
)
export type RegistrationListItem = Type.Static<typeof RegistrationListItem>

export const RegistrationList = Type.Object(
  {
    items: Type.Array(RegistrationListItem),
    total: Type.Integer(),
    limit: Type.Integer(),
    offset: Type.Integer(),
  },
  { examples: [{ items: [exampleRegistrationListItem], total: 1, limit: 50, offset: 0 }] },
)
export type RegistrationList = Type.Static<typeof RegistrationList>

export const RegistrationParams = Type.Object({ id: Type.String({ format: 'uuid' }), rid: Type.String({ format: 'uuid' }) })

export const AddRegistrationBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 120 }),
    email: Type.String({ format: 'email', maxLength: 254 }),
    answers: Type.Optional(Answers),
    timezone: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false, examples: [exampleRegistrant] },
)
export type AddRegistrationBody = Type.Static<typeof AddRegistrationBody>

/** Staff may know what happened: an address already registered keeps its registration (and gets its link again). */
export const AddedRegistration = Type.Object(
  {
    registration: Registration,
    wasAlreadyRegistered: Type.Boolean({ description: 'The address was registered already: nothing changed, its same link was e-mailed again' }),
  },
  { examples: [{ registration: { ...exampleRegistration, source: 'admin' }, wasAlreadyRegistered: false }] },
)
export type AddedRegistration = Type.Static<typeof AddedRegistration>
