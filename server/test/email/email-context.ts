import type { EmailContext } from '../../src/email/render-email.ts'

/** A webinar on Tuesday 4 March 2031 at 18:00 in Paris (17:00 UTC), for one registrant in New York. */
export function buildEmailContext(overrides: {
  registrant?: Partial<EmailContext['registrant']>
  webinar?: Partial<EmailContext['webinar']>
  links?: Partial<EmailContext['links']>
} = {}): EmailContext {
  return {
    organisationName: 'Acme Events',
    webinar: {
      title: 'Scaling Postgres',
      description: 'How we went from one box to many.\nBring questions.',
      startTime: new Date('2031-03-04T17:00:00Z'),
      endTime: new Date('2031-03-04T18:00:00Z'),
      timezone: 'Europe/Paris',
      hostName: 'Grace Hopper',
      ...overrides.webinar,
    },
    registrant: { name: 'Ada Lovelace', email: 'ada@example.test', timezone: 'America/New_York', ...overrides.registrant },
    links: {
      join: 'https://webinars.example.test/join/tok_personal123',
      cancel: 'https://webinars.example.test/cancel/tok_personal123',
      calendarIcs: 'https://webinars.example.test/api/registrations/r1/invite.ics?token=tok_personal123',
      googleCalendar: 'https://calendar.google.com/calendar/render?action=TEMPLATE&text=Scaling+Postgres',
      outlookCalendar: 'https://outlook.live.com/calendar/0/deeplink/compose?rru=addevent&subject=Scaling+Postgres',
      publicPage: 'https://webinars.example.test/w/scaling-postgres',
      replay: null,
      ...overrides.links,
    },
  }
}
