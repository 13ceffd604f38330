import Type from 'typebox'
import { maxListOffset } from './errors.ts'
import { exampleIds } from './examples.ts'
import { Answers } from './registrations.ts'
import { WebinarStatus, webinarFields } from './webinars.ts'

/** A series never has more occurrences than this: a longer programme is two series. */
export const maxSeriesOccurrences = 100

export const Weekday = Type.Enum(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'])
export type Weekday = Type.Static<typeof Weekday>

const localDate = (description: string) => Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description })
const localTime = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: 'Local time of day, HH:MM, in the series’ timezone' })

/**
 * How a series repeats, as the organiser says it; the server turns it into an RFC 5545 RRULE. Weekly on some
 * weekdays every N weeks, or monthly on "the Nth weekday" of the first date (its 5th weekday means the last one).
 * It ends after a count or on a date: a series without an end is refused.
 */
export const SeriesRecurrence = Type.Object(
  {
    frequency: Type.Enum(['weekly', 'monthly']),
    interval: Type.Integer({ minimum: 1, maximum: 52, description: 'Every N weeks or months' }),
    weekdays: Type.Optional(
      Type.Array(Weekday, { minItems: 1, maxItems: 7, description: 'Weekly only; defaults to the first date’s weekday' }),
    ),
    count: Type.Optional(Type.Integer({ minimum: 1, maximum: maxSeriesOccurrences, description: 'Number of occurrences' })),
    until: Type.Optional(localDate('Last possible date (inclusive), YYYY-MM-DD in the series’ timezone')),
  },
  { additionalProperties: false },
)
export type SeriesRecurrence = Type.Static<typeof SeriesRecurrence>

const exampleCreateSeries = {
  title: 'Weekly product office hours',
  description: 'Bring your questions about the product.',
  timezone: 'Europe/Berlin',
  firstDate: '2030-03-05',
  localTime: '10:00',
  durationMinutes: 45,
  recurrence: { frequency: 'weekly' as const, interval: 1, weekdays: ['TU' as const], count: 6 },
  capacity: 300,
}

export const CreateSeriesBody = Type.Object(
  {
    title: webinarFields.title,
    description: Type.Optional(webinarFields.description),
    timezone: webinarFields.timezone,
    firstDate: localDate('Date of the first occurrence, YYYY-MM-DD in the series’ timezone'),
    localTime,
    durationMinutes: webinarFields.durationMinutes,
    recurrence: SeriesRecurrence,
    capacity: Type.Optional(webinarFields.capacity),
    approvalMode: Type.Optional(webinarFields.approvalMode),
    settings: Type.Optional(webinarFields.settings),
    hostId: Type.Optional(webinarFields.hostId),
    registrationForm: Type.Optional(webinarFields.registrationForm),
    attendedThresholdSeconds: Type.Optional(webinarFields.attendedThresholdSeconds),
  },
  { additionalProperties: false, examples: [exampleCreateSeries] },
)
export type CreateSeriesBody = Type.Static<typeof CreateSeriesBody>

/** "This and following": the occurrence from which the change applies, and what changes. */
export const UpdateFollowingBody = Type.Object(
  {
    fromWebinarId: Type.String({ format: 'uuid' }),
    title: Type.Optional(webinarFields.title),
    description: Type.Optional(webinarFields.description),
    localTime: Type.Optional(localTime),
    durationMinutes: Type.Optional(webinarFields.durationMinutes),
    capacity: Type.Optional(webinarFields.capacity),
  },
  { additionalProperties: false, minProperties: 2, examples: [{ fromWebinarId: exampleIds.webinar, localTime: '11:00' }] },
)
export type UpdateFollowingBody = Type.Static<typeof UpdateFollowingBody>

export const SeriesOccurrence = Type.Object({
  webinarId: Type.String({ format: 'uuid' }),
  slug: Type.String(),
  date: Type.String({ description: 'The local date it stands for (YYYY-MM-DD)' }),
  startTime: Type.String({ format: 'date-time' }),
  durationMinutes: Type.Integer(),
  title: Type.String(),
  status: WebinarStatus,
  registrations: Type.Integer({ description: 'Registrations that hold a seat or wait for one' }),
})
export type SeriesOccurrence = Type.Static<typeof SeriesOccurrence>

const exampleSeriesId = '7d3e9f10-2b4c-4d5e-8f60-718293a4b5c6'
const exampleOccurrences = ['2030-03-05', '2030-03-12', '2030-03-19', '2030-03-26', '2030-04-02', '2030-04-09'].map((date, index) => ({
  webinarId: `3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a${String(index).padStart(2, '0')}`,
  slug: `weekly-product-office-hours-${date}`,
  date,
  // 10:00 in Berlin: 09:00 UTC in winter time, 08:00 UTC from the change to summer time (31 March 2030).
  startTime: `${date}T${date < '2030-03-31' ? '09' : '08'}:00:00.000Z`,
  durationMinutes: 45,
  title: exampleCreateSeries.title,
  status: 'scheduled' as const,
  registrations: 12,
}))
const exampleSeries = {
  id: exampleSeriesId,
  slug: 'weekly-product-office-hours',
  title: exampleCreateSeries.title,
  description: exampleCreateSeries.description,
  timezone: exampleCreateSeries.timezone,
  firstDate: exampleCreateSeries.firstDate,
  localTime: exampleCreateSeries.localTime,
  durationMinutes: exampleCreateSeries.durationMinutes,
  rrule: 'DTSTART:20300305T100000\nRRULE:INTERVAL=1;COUNT=6;FREQ=WEEKLY;BYDAY=TU;WKST=MO',
  recurrence: exampleCreateSeries.recurrence,
  status: 'active' as const,
  host: { id: exampleIds.host, name: 'Hana Host' },
  occurrences: exampleOccurrences,
  laterDates: [],
  cancelledAt: null,
  createdAt: '2030-02-01T09:30:00.000Z',
}

export const Series = Type.Object({
  id: Type.String({ format: 'uuid' }),
  slug: Type.String(),
  title: Type.String(),
  description: Type.String(),
  timezone: Type.String(),
  firstDate: Type.String(),
  localTime: Type.String(),
  durationMinutes: Type.Integer(),
  rrule: Type.String({ description: 'The RFC 5545 rule, DTSTART included (a floating local date-time)' }),
  recurrence: SeriesRecurrence,
  status: Type.Enum(['active', 'cancelled']),
  host: Type.Object({ id: Type.String(), name: Type.String() }),
  occurrences: Type.Array(SeriesOccurrence),
  /** Dates the rule yields that have no webinar yet (beyond the horizon); they are created as the horizon moves. */
  laterDates: Type.Array(Type.String()),
  cancelledAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
}, { examples: [exampleSeries] })
export type Series = Type.Static<typeof Series>

export const SeriesListQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: maxListOffset })),
  },
  { additionalProperties: false },
)
export type SeriesListQuery = Type.Static<typeof SeriesListQuery>

export const SeriesSummary = Type.Object({
  id: Type.String({ format: 'uuid' }),
  slug: Type.String(),
  title: Type.String(),
  timezone: Type.String(),
  localTime: Type.String(),
  status: Type.Enum(['active', 'cancelled']),
  nextStartTime: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  upcomingOccurrences: Type.Integer(),
})
export const SeriesList = Type.Object(
  { items: Type.Array(SeriesSummary), total: Type.Integer(), limit: Type.Integer(), offset: Type.Integer() },
  {
    examples: [
      {
        items: [
          {
            id: exampleSeriesId,
            slug: exampleSeries.slug,
            title: exampleSeries.title,
            timezone: exampleSeries.timezone,
            localTime: exampleSeries.localTime,
            status: 'active',
            nextStartTime: exampleOccurrences[0]!.startTime,
            upcomingOccurrences: 6,
          },
        ],
        total: 1,
        limit: 20,
        offset: 0,
      },
    ],
  },
)
export type SeriesList = Type.Static<typeof SeriesList>

export const SeriesIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) })

/** What the public page of a series (/s/:slug) shows: the occurrences one can still register for. */
export const PublicSeries = Type.Object({
  slug: Type.String(),
  title: Type.String(),
  description: Type.String(),
  hostName: Type.String(),
  timezone: Type.String(),
  durationMinutes: Type.Integer(),
  registrationForm: webinarFields.registrationForm,
  occurrences: Type.Array(
    Type.Object({
      webinarId: Type.String({ format: 'uuid' }),
      slug: Type.String(),
      title: Type.String(),
      startTime: Type.String({ format: 'date-time' }),
      endTime: Type.String({ format: 'date-time' }),
      isOpen: Type.Boolean(),
      willWaitlist: Type.Boolean(),
    }),
  ),
})
export type PublicSeries = Type.Static<typeof PublicSeries>

export const RegisterForSeriesBody = Type.Object(
  {
    occurrence: Type.Union([Type.Literal('all'), Type.String({ format: 'uuid' })], {
      description: '"all" for every upcoming occurrence open for registration, or one occurrence’s webinar id',
    }),
    name: Type.String({ minLength: 1, maxLength: 120 }),
    email: Type.String({ format: 'email', maxLength: 254 }),
    answers: Type.Optional(Answers),
    timezone: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false },
)
export type RegisterForSeriesBody = Type.Static<typeof RegisterForSeriesBody>

export const SeriesRegistrationReceipt = Type.Object({
  email: Type.String(),
  occurrences: Type.Array(Type.Object({ webinarId: Type.String({ format: 'uuid' }), startTime: Type.String({ format: 'date-time' }), status: Type.String() })),
})
export type SeriesRegistrationReceipt = Type.Static<typeof SeriesRegistrationReceipt>
