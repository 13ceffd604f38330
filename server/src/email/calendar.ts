import ical, { ICalCalendarMethod } from 'ical-generator'

export interface CalendarInviteInput {
  /** One per registration, so a re-sent or updated invite replaces the event instead of adding a second one. */
  uid: string
  start: Date
  end: Date
  title: string
  description: string
  /** The registrant's personal join link. */
  url: string
  organizerName: string
  organizerEmail?: string
  /** Raise it when the webinar is edited, so calendars take the new invite over the one they hold. */
  sequence?: number
  /** DTSTAMP; defaults to now. Pass the injected clock's time where the output must be stable. */
  issuedAt?: Date
}

/**
 * An iCalendar file (METHOD:PUBLISH, times in UTC) for the registrant's calendar. PUBLISH rather than
 * REQUEST: the attendee is not asked to RSVP, the file only puts the webinar in their calendar.
 */
export function buildCalendarInvite(input: CalendarInviteInput): string {
  const calendar = ical({
    prodId: { company: 'Webinar', product: 'Webinar Platform', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
  })
  calendar.createEvent({
    id: input.uid,
    sequence: input.sequence ?? 0,
    ...(input.issuedAt ? { stamp: input.issuedAt } : {}),
    start: input.start,
    end: input.end,
    summary: input.title,
    description: describeEvent(input.description, input.organizerName, input.url),
    url: input.url,
    // Calendar apps show LOCATION prominently and make it clickable: that is where the join link belongs.
    location: input.url,
    // ORGANIZER is a calendar address (mailto:), so it is only written when there is an address to give.
    organizer: input.organizerEmail ? { name: input.organizerName, email: input.organizerEmail } : null,
  })
  return calendar.toString()
}

function describeEvent(description: string, organizerName: string, joinUrl: string): string {
  return [description.trim(), `Hosted by ${organizerName}`, `Join: ${joinUrl}`].filter(Boolean).join('\n\n')
}

export interface CalendarLinkInput {
  title: string
  start: Date
  end: Date
  details: string
  location: string
}

/** "Add to Google Calendar": the template link Google documents, times as UTC basic format (20310304T170000Z). */
export function googleCalendarUrl({ title, start, end, details, location }: CalendarLinkInput): string {
  const params = new URLSearchParams({
    action: 'TEMPLATE',
    text: title,
    dates: `${toBasicUtc(start)}/${toBasicUtc(end)}`,
    details,
    location,
  })
  return `https://calendar.google.com/calendar/render?${params.toString()}`
}

/** "Add to Outlook": the outlook.live.com compose deep link, times as ISO 8601 in UTC. */
export function outlookCalendarUrl({ title, start, end, details, location }: CalendarLinkInput): string {
  const params = new URLSearchParams({
    path: '/calendar/action/compose',
    rru: 'addevent',
    startdt: toIsoUtcSeconds(start),
    enddt: toIsoUtcSeconds(end),
    subject: title,
    body: details,
    location,
  })
  return `https://outlook.live.com/calendar/0/deeplink/compose?${params.toString()}`
}

function toIsoUtcSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

function toBasicUtc(date: Date): string {
  return toIsoUtcSeconds(date).replace(/[-:]/g, '')
}
