import ICAL from 'ical.js'
import { describe, expect, it } from 'vitest'
import { buildCalendarInvite, googleCalendarUrl, outlookCalendarUrl } from '../../src/email/calendar.ts'

const start = new Date('2031-03-04T17:00:00Z')
const end = new Date('2031-03-04T18:30:00Z')
const joinUrl = 'https://webinars.example.test/join/tok_abc?from=mail&x=1'

function parseInvite(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics))
  const vevent = calendar.getFirstSubcomponent('vevent')
  if (!vevent) throw new Error('no VEVENT in the invite')
  return { calendar, vevent, event: new ICAL.Event(vevent) }
}

describe('calendar invite', () => {
  const ics = buildCalendarInvite({
    uid: 'registration-42@webinars.example.test',
    start,
    end,
    title: 'Q&A; live, with <everyone>',
    description: 'Bring your questions.\nSee you there.',
    url: joinUrl,
    organizerName: 'Acme Events',
    organizerEmail: 'events@acme.test',
  })

  it('is read back by a real iCalendar parser with the same instants, UID and METHOD:PUBLISH', () => {
    const { calendar, event } = parseInvite(ics)
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH')
    expect(event.uid).toBe('registration-42@webinars.example.test')
    expect(event.startDate.toJSDate().toISOString()).toBe(start.toISOString())
    expect(event.endDate.toJSDate().toISOString()).toBe(end.toISOString())
    // UTC, not floating and not a zone the reader might not know.
    expect(event.startDate.zone?.tzid).toBe('UTC')
    expect(ics).toContain('DTSTART:20310304T170000Z')
  })

  it('carries the title, the join link as URL and LOCATION, and the link in the description', () => {
    const { vevent, event } = parseInvite(ics)
    expect(event.summary).toBe('Q&A; live, with <everyone>')
    expect(event.location).toBe(joinUrl)
    expect(vevent.getFirstPropertyValue('url')).toBe(joinUrl)
    expect(event.description).toContain('Bring your questions.\nSee you there.')
    expect(event.description).toContain(joinUrl)
    expect(event.organizer).toBe('mailto:events@acme.test')
  })

  it('uses CRLF line endings as RFC 5545 asks', () => {
    expect(ics.split('\r\n').length).toBeGreaterThan(10)
    expect(ics.replaceAll('\r\n', '')).not.toContain('\n')
  })

  it('keeps the same UID for the same registration, and leaves ORGANIZER out without an address', () => {
    const again = buildCalendarInvite({ uid: 'registration-42@webinars.example.test', start, end, title: 't', description: '', url: joinUrl, organizerName: 'Acme', sequence: 2 })
    const { event, vevent } = parseInvite(again)
    expect(event.uid).toBe('registration-42@webinars.example.test')
    expect(event.sequence).toBe(2)
    expect(vevent.hasProperty('organizer')).toBe(false)
  })
})

describe('add-to-calendar links', () => {
  const input = { title: 'Scaling Postgres & friends', start, end, details: 'Join: https://x.test/j?a=1&b=2', location: 'https://x.test/j?a=1&b=2' }

  it('Google: the template link with both instants in UTC', () => {
    const url = new URL(googleCalendarUrl(input))
    expect(url.origin + url.pathname).toBe('https://calendar.google.com/calendar/render')
    expect(url.searchParams.get('action')).toBe('TEMPLATE')
    expect(url.searchParams.get('dates')).toBe('20310304T170000Z/20310304T183000Z')
    expect(url.searchParams.get('text')).toBe(input.title)
    expect(url.searchParams.get('details')).toBe(input.details)
    expect(url.searchParams.get('location')).toBe(input.location)
  })

  it('Outlook: the compose deep link with ISO instants in UTC', () => {
    const url = new URL(outlookCalendarUrl(input))
    expect(url.origin + url.pathname).toBe('https://outlook.live.com/calendar/0/deeplink/compose')
    expect(url.searchParams.get('startdt')).toBe('2031-03-04T17:00:00Z')
    expect(url.searchParams.get('enddt')).toBe('2031-03-04T18:30:00Z')
    expect(new Date(url.searchParams.get('startdt') ?? '').getTime()).toBe(start.getTime())
    expect(url.searchParams.get('subject')).toBe(input.title)
    expect(url.searchParams.get('body')).toBe(input.details)
    expect(url.searchParams.get('location')).toBe(input.location)
  })
})
