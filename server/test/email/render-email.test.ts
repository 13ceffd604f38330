import escapeHtml from 'escape-html'
import { describe, expect, it } from 'vitest'
import { formatWebinarTime } from '../../src/email/format-webinar-time.ts'
import { emailKinds, renderEmail, type EmailKind } from '../../src/email/render-email.ts'
import { buildEmailContext } from './email-context.ts'

const startTime = new Date('2031-03-04T17:00:00Z')

describe('the time a webinar starts', () => {
  it("shows the webinar's zone and, when it differs, the registrant's", () => {
    expect(formatWebinarTime({ startTime, webinarTimeZone: 'Europe/Paris', registrantTimeZone: 'America/New_York' })).toBe(
      'Tuesday 4 March 2031, 18:00 (Europe/Paris) · 12:00 in your time zone (America/New_York)',
    )
  })

  it("repeats the date when it is another day in the registrant's zone", () => {
    expect(formatWebinarTime({ startTime, webinarTimeZone: 'Europe/Paris', registrantTimeZone: 'Asia/Tokyo' })).toBe(
      'Tuesday 4 March 2031, 18:00 (Europe/Paris) · Wednesday 5 March 2031, 02:00 in your time zone (Asia/Tokyo)',
    )
  })

  it('shows one line when the zone is unknown, the same, or reads the same', () => {
    const webinarOnly = 'Tuesday 4 March 2031, 18:00 (Europe/Paris)'
    expect(formatWebinarTime({ startTime, webinarTimeZone: 'Europe/Paris', registrantTimeZone: null })).toBe(webinarOnly)
    expect(formatWebinarTime({ startTime, webinarTimeZone: 'Europe/Paris', registrantTimeZone: 'Europe/Paris' })).toBe(webinarOnly)
    expect(formatWebinarTime({ startTime, webinarTimeZone: 'Europe/Paris', registrantTimeZone: 'Europe/Berlin' })).toBe(webinarOnly)
    expect(formatWebinarTime({ startTime, webinarTimeZone: 'Europe/Paris', registrantTimeZone: 'Mars/Olympus_Mons' })).toBe(webinarOnly)
  })

  it('follows daylight saving time', () => {
    expect(formatWebinarTime({ startTime: new Date('2031-07-01T16:00:00Z'), webinarTimeZone: 'Europe/Paris', registrantTimeZone: 'America/Los_Angeles' })).toBe(
      'Tuesday 1 July 2031, 18:00 (Europe/Paris) · 09:00 in your time zone (America/Los_Angeles)',
    )
  })

  it('falls back to UTC rather than failing on a zone Intl does not know', () => {
    expect(formatWebinarTime({ startTime, webinarTimeZone: 'Nowhere/Land', registrantTimeZone: null })).toBe('Tuesday 4 March 2031, 17:00 (UTC)')
  })
})

describe('mail content', () => {
  it('escapes every user-typed value in HTML and leaves the text part readable', () => {
    const hostile = '<script>alert(1)</script>'
    const context = buildEmailContext({
      registrant: { name: hostile },
      webinar: { title: 'Tips & <b>tricks</b> "live"', description: `Line one <img src=x onerror=alert(2)>\nLine two`, hostName: '<i>Host</i>' },
    })
    for (const kind of emailKinds) {
      const email = renderEmail(kind, { ...context, organisationName: '<Acme & Co>' })
      expect(email.html, kind).not.toMatch(/<script|<img|<b>|<i>|<Acme/)
      expect(email.html, kind).toContain('Tips &amp; &lt;b&gt;tricks&lt;/b&gt; &quot;live&quot;')
      expect(email.html, kind).toContain('&lt;Acme &amp; Co&gt;')
      expect(email.text, kind).toContain('Tips & <b>tricks</b> "live"')
      expect(email.subject, kind).toContain('Tips & <b>tricks</b> "live"')
    }
    const confirmation = renderEmail('confirmation', context)
    expect(confirmation.html).toContain('Hi &lt;script&gt;alert(1)&lt;/script&gt;,')
    expect(confirmation.html).toContain('Line one &lt;img src=x onerror=alert(2)&gt;<br>Line two')
    expect(confirmation.html).toContain('Hosted by &lt;i&gt;Host&lt;/i&gt;')
    expect(confirmation.text).toContain(`Hi ${hostile},`)
    expect(confirmation.text).toContain('Line one <img src=x onerror=alert(2)>\nLine two')
  })

  it('shows both time zones in the confirmation, in both parts', () => {
    const email = renderEmail('confirmation', buildEmailContext())
    const when = 'Tuesday 4 March 2031, 18:00 (Europe/Paris) · 12:00 in your time zone (America/New_York)'
    expect(email.text).toContain(`When: ${when}`)
    expect(email.html).toContain(escapeHtml(when))
  })

  it('is simple inline-styled HTML with a 560 px column and the indigo accent', () => {
    const { html } = renderEmail('confirmation', buildEmailContext())
    expect(html).toMatch(/^<!doctype html>/)
    expect(html).toContain('max-width:560px')
    expect(html).toContain('#4f46e5')
    expect(html).not.toMatch(/<style|<link|class=/)
  })

  it('keeps the subject on one line', () => {
    const { subject } = renderEmail('confirmation', buildEmailContext({ webinar: { title: 'Two\r\nlines' } }))
    expect(subject).toBe("You're registered: Two lines")
  })

  it('refuses a link that is not http(s)', () => {
    expect(() => renderEmail('live_now', buildEmailContext({ links: { join: 'javascript:alert(1)' } }))).toThrow(/http\(s\) URL/)
  })

  const withJoinLink: EmailKind[] = ['confirmation', 'approved', 'promoted', 'reminder_24h', 'reminder_1h', 'live_now', 'link_again']
  const withCalendarLinks: EmailKind[] = ['confirmation', 'approved', 'promoted', 'link_again']
  // A series' mails link each session's page, where each can be cancelled on its own.
  const withoutCancelLink: EmailKind[] = ['rejected', 'webinar_cancelled', 'registration_cancelled', 'speaker_invitation', 'series_registered', 'series_cancelled']
  const subjects: Record<EmailKind, RegExp> = {
    confirmation: /registered/i,
    pending: /received/i,
    approved: /approved/i,
    rejected: /registration/i,
    waitlisted: /waitlist/i,
    promoted: /you're in/i,
    reminder_24h: /tomorrow/i,
    reminder_1h: /1 hour/i,
    live_now: /live/i,
    speaker_invitation: /invited to speak/i,
    follow_up_attended: /thanks/i,
    follow_up_missed: /missed you/i,
    webinar_cancelled: /cancelled/i,
    registration_cancelled: /cancelled/i,
    link_again: /your link/i,
    replay_ready: /replay/i,
    series_registered: /registered.*sessions/i,
    series_cancelled: /cancelled/i,
  }

  describe.each(emailKinds)('%s', (kind) => {
    const context = buildEmailContext({ links: { replay: 'https://cdn.example.test/replays/r1.mp4' } })
    const email = renderEmail(kind, context)
    const hasLink = (url: string) => email.html.includes(`href="${escapeHtml(url)}"`) && email.text.includes(url)

    it('has a subject naming the webinar, an HTML and a text part', () => {
      expect(email.subject).toContain('Scaling Postgres')
      expect(email.subject).toMatch(subjects[kind])
      expect(email.html).toContain('</html>')
      expect(email.text.length).toBeGreaterThan(50)
      expect(email.text).not.toMatch(/<[a-z]/i)
    })

    it(withJoinLink.includes(kind) ? 'has the personal join link and says it is personal' : kind === 'speaker_invitation' ? 'has the personal studio link and says it is personal' : 'has no join link', () => {
      // A speaker's invitation carries their studio link where a registrant's mail has the join link.
      const isPersonal = withJoinLink.includes(kind) || kind === 'speaker_invitation'
      expect(hasLink(context.links.join)).toBe(isPersonal)
      expect(email.text.includes('This link is personal')).toBe(isPersonal)
      if (withJoinLink.includes(kind)) expect(email.html).toContain('Join the webinar')
      if (kind === 'speaker_invitation') expect(email.html).toContain('Open your studio')
    })

    it(withoutCancelLink.includes(kind) ? 'has no cancel link' : 'has the cancel link', () => {
      expect(hasLink(context.links.cancel)).toBe(!withoutCancelLink.includes(kind))
    })

    it(withCalendarLinks.includes(kind) ? 'has the add-to-calendar links' : 'has no add-to-calendar links', () => {
      for (const url of [context.links.googleCalendar, context.links.outlookCalendar, context.links.calendarIcs]) {
        expect(hasLink(url)).toBe(withCalendarLinks.includes(kind))
      }
    })
  })

  it("asks \"Can't make it?\" before the cancel link while the webinar is ahead", () => {
    for (const kind of ['confirmation', 'approved', 'promoted', 'reminder_24h', 'reminder_1h', 'live_now'] as const) {
      expect(renderEmail(kind, buildEmailContext()).text).toContain("Can't make it? Cancel your registration: https://webinars.example.test/cancel/tok_personal123")
    }
  })

  it('offers the replay after the webinar when there is one, and promises nothing when there is not', () => {
    const replay = 'https://cdn.example.test/replays/r1.mp4'
    for (const kind of ['follow_up_attended', 'follow_up_missed'] as const) {
      const withReplay = renderEmail(kind, buildEmailContext({ links: { replay } }))
      expect(withReplay.html).toContain(`href="${replay}"`)
      expect(withReplay.text).toContain(`Watch the replay: ${replay}`)
      const without = renderEmail(kind, buildEmailContext())
      expect(without.text).not.toMatch(/replay|recording/i)
      expect(without.html).not.toMatch(/replay|recording/i)
    }
  })

  it('links a cancelled registration back to the public page to register again', () => {
    const email = renderEmail('registration_cancelled', buildEmailContext())
    expect(email.text).toContain('Register again: https://webinars.example.test/w/scaling-postgres')
    expect(email.html).toContain('href="https://webinars.example.test/w/scaling-postgres"')
  })

  it('tells a waitlisted registrant they will hear when a seat frees up, and a promoted one that they are in', () => {
    expect(renderEmail('waitlisted', buildEmailContext()).text).toMatch(/waitlist.*seat frees up/s)
    expect(renderEmail('promoted', buildEmailContext()).text).toMatch(/seat freed up/)
    expect(renderEmail('pending', buildEmailContext()).text).toMatch(/approved/)
    expect(renderEmail('webinar_cancelled', buildEmailContext()).text).toMatch(/has been cancelled/)
  })
})
