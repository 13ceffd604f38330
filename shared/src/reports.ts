import Type from 'typebox'

const day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: "A calendar day, YYYY-MM-DD, in the webinar's time zone" })

const webinarReportExample = {
  registered: 120,
  approved: 110,
  joined: 84,
  attended: 71,
  attendanceRate: 0.6455,
  averageWatchSeconds: 2415,
  medianWatchSeconds: 2700,
  peakConcurrent: 77,
  timeline: [
    { minute: '2030-05-04T16:00:00.000Z', viewers: 52 },
    { minute: '2030-05-04T16:01:00.000Z', viewers: 69 },
  ],
  chatMessages: 143,
  questions: 18,
  pollVotes: 96,
  registrationsByDay: [
    { day: '2030-04-28', count: 64 },
    { day: '2030-04-29', count: 56 },
  ],
}

/**
 * How a webinar went. Presence counts registrants only (never the host or admins), each person once however many
 * tabs or devices they used, and only while the webinar was live: from its start to its end (or now, while live).
 * A webinar that never went live has zeros and empty lists.
 */
export const WebinarReport = Type.Object(
  {
    registered: Type.Integer({ minimum: 0, description: 'Registrations in any state' }),
    approved: Type.Integer({ minimum: 0, description: 'Registrations approved now' }),
    joined: Type.Integer({ minimum: 0, description: 'Registrants present at some moment of the live webinar' }),
    attended: Type.Integer({ minimum: 0, description: "Registrants whose watch time reached the webinar's attendedThresholdSeconds" }),
    attendanceRate: Type.Number({ minimum: 0, description: 'attended / approved; 0 when nobody is approved' }),
    averageWatchSeconds: Type.Integer({ minimum: 0, description: 'Mean watch time of those who joined, rounded to the second' }),
    medianWatchSeconds: Type.Integer({ minimum: 0, description: 'Median watch time of those who joined, rounded to the second' }),
    peakConcurrent: Type.Integer({ minimum: 0, description: 'The most registrants present at the same moment' }),
    timeline: Type.Array(
      Type.Object({
        minute: Type.String({ format: 'date-time', description: 'Start of the minute (UTC)' }),
        viewers: Type.Integer({ minimum: 0, description: 'Registrants present at some moment of that minute' }),
      }),
      { description: 'One entry per minute of the live window, from the minute it went live' },
    ),
    chatMessages: Type.Integer({ minimum: 0, description: 'Chat messages sent in the room, hidden ones included' }),
    questions: Type.Integer({ minimum: 0, description: 'Questions asked, hidden ones included' }),
    pollVotes: Type.Integer({ minimum: 0, description: 'Votes over all of its polls' }),
    registrationsByDay: Type.Array(Type.Object({ day, count: Type.Integer({ minimum: 1 }) }), {
      description: 'Registrations per day they were made, in the webinar’s time zone; days without any are left out',
    }),
  },
  { examples: [webinarReportExample] },
)
export type WebinarReport = Type.Static<typeof WebinarReport>

export const ReportsOverviewQuery = Type.Object(
  {
    days: Type.Optional(Type.Union([Type.Literal(30), Type.Literal(90)], { description: 'The window: the last 30 (default) or 90 days' })),
  },
  { additionalProperties: false },
)
export type ReportsOverviewQuery = Type.Static<typeof ReportsOverviewQuery>

/** Webinars that went live in the window: the caller's own for a host, all of them for owners and admins. */
export const ReportsOverview = Type.Object(
  {
    days: Type.Integer({ description: 'The window, in days back from now' }),
    webinarsRun: Type.Integer({ minimum: 0, description: 'Webinars that went live in the window' }),
    registrations: Type.Integer({ minimum: 0, description: 'Registrations of those webinars, in any state' }),
    attendanceRate: Type.Number({ minimum: 0, description: 'Attended / approved over those webinars; 0 when nobody is approved' }),
    topWebinars: Type.Array(
      Type.Object({
        id: Type.String({ format: 'uuid' }),
        title: Type.String(),
        startTime: Type.String({ format: 'date-time', description: 'Its scheduled start' }),
        registered: Type.Integer({ minimum: 0 }),
        attended: Type.Integer({ minimum: 0 }),
      }),
      { maxItems: 5, description: 'The five with the most attendees, most first' },
    ),
  },
  {
    examples: [
      {
        days: 30,
        webinarsRun: 4,
        registrations: 380,
        attendanceRate: 0.58,
        topWebinars: [{ id: '0b7c3a52-5d0e-4c1e-9a57-3f3f1c2d4e5f', title: 'Quarterly update', startTime: '2030-05-04T16:00:00.000Z', registered: 120, attended: 71 }],
      },
    ],
  },
)
export type ReportsOverview = Type.Static<typeof ReportsOverview>
