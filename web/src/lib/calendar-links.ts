// "Add to calendar" links for Google and Outlook, built the way the server builds them for its mail
// (server/src/email/calendar.ts), so the page and the confirmation mail add the same event.

export interface CalendarEvent {
  title: string
  startTime: string
  endTime: string
  details: string
  location: string
}

function toIsoUtcSeconds(iso: string): string {
  return new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/** Google's documented template link, times in UTC basic format (20310304T170000Z). */
export function googleCalendarUrl({ title, startTime, endTime, details, location }: CalendarEvent): string {
  const basic = (iso: string) => toIsoUtcSeconds(iso).replace(/[-:]/g, '')
  const params = new URLSearchParams({ action: 'TEMPLATE', text: title, dates: `${basic(startTime)}/${basic(endTime)}`, details, location })
  return `https://calendar.google.com/calendar/render?${params.toString()}`
}

/** The outlook.live.com compose deep link, times as ISO 8601 in UTC. */
export function outlookCalendarUrl({ title, startTime, endTime, details, location }: CalendarEvent): string {
  const params = new URLSearchParams({
    path: '/calendar/action/compose',
    rru: 'addevent',
    startdt: toIsoUtcSeconds(startTime),
    enddt: toIsoUtcSeconds(endTime),
    subject: title,
    body: details,
    location,
  })
  return `https://outlook.live.com/calendar/0/deeplink/compose?${params.toString()}`
}
