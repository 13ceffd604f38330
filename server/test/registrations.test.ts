import { joinTokenPlaceholder } from '@webinar/shared/mailbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, csrfHeaders, setUpOwner, type TestApp } from './support/test-app.ts'
import { joinTokenMailedTo, mailAsDelivered } from './support/mail.ts'

// A clock the tests move: registration windows, join windows and reminders never wait for real time.
let now = new Date()
const clock = { now: () => now }
let testApp: TestApp
let ownerCookie: string
beforeAll(async () => {
  testApp = await createTestApp({ clock, env: { REGISTRATIONS_PER_IP_PER_MINUTE: '10000' } })
  ownerCookie = await setUpOwner(testApp.app)
})
afterAll(() => testApp.close())

const staff = () => ({ cookie: ownerCookie, ...csrfHeaders })
const hours = (count: number) => count * 3600_000

async function createWebinar(overrides: Record<string, unknown> = {}) {
  const response = await testApp.app.inject({
    method: 'POST',
    url: '/api/webinars',
    headers: staff(),
    payload: {
      title: 'Registration Test',
      startTime: new Date(now.getTime() + hours(72)).toISOString(),
      timezone: 'Europe/Paris',
      durationMinutes: 60,
      ...overrides,
    },
  })
  expect(response.statusCode, response.body).toBe(201)
  return response.json()
}

function register(slug: string, payload: Record<string, unknown>) {
  return testApp.app.inject({ method: 'POST', url: `/api/public/webinars/${slug}/registrations`, payload })
}

async function mailTo(email: string, kind?: string) {
  const { rows } = await testApp.database.pool.query(
    `select * from email_messages where lower(to_email) = lower($1) ${kind ? 'and kind = $2' : ''} order by created_at`,
    kind ? [email, kind] : [email],
  )
  return rows as { id: string; kind: string; html: string; text: string; ics: string | null; dedupe_key: string; status: string }[]
}

/** The join token is only ever in the mail: read it from there as a registrant would. */
const joinTokenFromMail = (email: string, kind = 'confirmation') => joinTokenMailedTo(testApp, email, [kind])

describe('registering', () => {
  it('seats exactly the capacity under 300 concurrent registrations and waitlists the rest, in order', async () => {
    const webinar = await createWebinar({ title: 'Crowded', capacity: 100 })
    const responses = await Promise.all(
      Array.from({ length: 300 }, (_, index) => register(webinar.slug, { name: `Person ${index}`, email: `person${index}@example.com` })),
    )
    expect(responses.map((response) => response.statusCode).filter((status) => status !== 201)).toEqual([])
    const statuses = responses.map((response) => response.json().status)
    expect(statuses.filter((status) => status === 'approved')).toHaveLength(100)
    expect(statuses.filter((status) => status === 'waitlisted')).toHaveLength(200)
    const { rows } = await testApp.database.pool.query<{ status: string; total: string; distinct_emails: string }>(
      `select status, count(*) as total, count(distinct lower(email)) as distinct_emails from registrations where webinar_id = $1 group by status`,
      [webinar.id],
    )
    expect(Object.fromEntries(rows.map((row) => [row.status, Number(row.total)]))).toEqual({ approved: 100, waitlisted: 200 })
    expect(rows.every((row) => row.total === row.distinct_emails)).toBe(true)

    const publicView = (await testApp.app.inject({ method: 'GET', url: `/api/public/webinars/${webinar.slug}` })).json()
    expect(publicView).toMatchObject({ seatsLeft: 0, registration: { isOpen: true, willWaitlist: true } })

    // The first on the waitlist gets the freed seat.
    const { rows: waitlist } = await testApp.database.pool.query<{ email: string }>(
      `select email from registrations where webinar_id = $1 and status = 'waitlisted' order by created_at, id limit 1`,
      [webinar.id],
    )
    const { rows: someApproved } = await testApp.database.pool.query<{ email: string }>(
      `select email from registrations where webinar_id = $1 and status = 'approved' limit 1`,
      [webinar.id],
    )
    const leaverToken = await joinTokenFromMail(someApproved[0]!.email)
    const cancelled = await testApp.app.inject({ method: 'POST', url: `/api/join/${leaverToken}/cancel` })
    expect(cancelled.statusCode, cancelled.body).toBe(200)
    expect(cancelled.json().registration.status).toBe('cancelled')
    const { rows: promoted } = await testApp.database.pool.query<{ status: string }>(
      `select status from registrations where webinar_id = $1 and email = $2`,
      [webinar.id, waitlist[0]!.email],
    )
    expect(promoted[0]!.status).toBe('approved')
    expect((await mailTo(waitlist[0]!.email, 'promoted')).length).toBe(1)
    expect((await mailTo(someApproved[0]!.email, 'registration_cancelled')).length).toBe(1)
  }, 60_000)

  it('treats the same e-mail in any case as the same person: mails the same link again, at most 3 times an hour, and tells nobody', async () => {
    const webinar = await createWebinar({ title: 'Twice' })
    const first = await register(webinar.slug, { name: 'Ada', email: 'ada@example.com', timezone: 'America/New_York' })
    expect(first.statusCode).toBe(201)
    expect(first.json()).toEqual({ status: 'approved', email: 'ada@example.com' })
    expect(first.body).not.toMatch(/join/)
    const token = await joinTokenFromMail('ada@example.com')

    // Someone else types Ada's address: Ada keeps her link and gets it again; the answer is a newcomer's.
    const again = await register(webinar.slug, { name: 'Ada L.', email: 'ADA@example.com' })
    const newcomer = await register(webinar.slug, { name: 'Bea', email: 'bea@example.com' })
    expect(again.statusCode).toBe(newcomer.statusCode)
    expect(again.headers['content-type']).toBe(newcomer.headers['content-type'])
    expect({ ...again.json(), email: 'x' }).toEqual({ ...newcomer.json(), email: 'x' })
    expect(again.json().email).toBe('ADA@example.com')

    const linkAgain = await mailTo('ada@example.com', 'link_again')
    expect(linkAgain).toHaveLength(1)
    // Stored without the link itself (an admin or a backup reads no working link); delivered with it.
    expect(linkAgain[0]!.text).toContain(`/join/${joinTokenPlaceholder}`)
    expect(JSON.stringify(linkAgain[0])).not.toContain(token)
    expect(await joinTokenFromMail('ada@example.com', 'link_again')).toBe(token)
    const view = await testApp.app.inject({ method: 'GET', url: `/api/join/${token}` })
    expect(view.statusCode).toBe(200)
    expect(view.json().registration.name).toBe('Ada')

    // Three such mails in an hour, then silence; the answer never changes.
    for (let attempt = 2; attempt <= 4; attempt++) {
      now = new Date(now.getTime() + 60_000)
      const response = await register(webinar.slug, { name: 'Ada', email: 'ada@example.com' })
      expect(response.statusCode).toBe(201)
      expect(response.json()).toEqual({ status: 'approved', email: 'ada@example.com' })
    }
    expect(await mailTo('ada@example.com', 'link_again')).toHaveLength(3)
    now = new Date(now.getTime() + hours(1))
    await register(webinar.slug, { name: 'Ada', email: 'ada@example.com' })
    expect(await mailTo('ada@example.com', 'link_again')).toHaveLength(4)
    expect(await mailTo('ada@example.com', 'confirmation')).toHaveLength(1)
    expect((await testApp.app.inject({ method: 'GET', url: `/api/join/${token}` })).statusCode).toBe(200)
  })

  it('checks answers against the form, field by field', async () => {
    const webinar = await createWebinar({
      title: 'Custom form',
      registrationForm: {
        fields: [
          { key: 'name', type: 'text', label: 'Name', required: true },
          { key: 'email', type: 'email', label: 'E-mail', required: true },
          { key: 'mobile', type: 'phone', label: 'Mobile', required: false },
          { key: 'role', type: 'select', label: 'Role', required: true, options: ['Engineer', 'Manager'] },
          { key: 'terms', type: 'consent', label: 'I accept the terms', required: true },
        ],
      },
    })
    const bad = await register(webinar.slug, {
      name: '',
      email: 'not-an-email',
      answers: { mobile: 'call me', role: 'CEO', terms: false, shoeSize: '42' },
    })
    expect(bad.statusCode).toBe(400)
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['email', 'name'])
    const badAnswers = await register(webinar.slug, { name: 'Bo', email: 'bo@example.com', answers: { mobile: 'call me', role: 'CEO', terms: false, shoeSize: '42' } })
    expect(badAnswers.statusCode).toBe(400)
    expect(badAnswers.json().error.fields).toEqual({
      'answers.shoeSize': 'is not a question of this form',
      'answers.mobile': 'must be a phone number, e.g. +33 6 12 34 56 78',
      'answers.role': 'must be one of: Engineer, Manager',
      'answers.terms': 'must be accepted',
    })
    const good = await register(webinar.slug, { name: 'Bo', email: 'bo@example.com', answers: { mobile: '+33 6 12 34 56 78', role: 'Engineer', terms: true } })
    expect(good.statusCode, good.body).toBe(201)
  })

  it('closes after the deadline and for cancelled webinars, with a readable reason', async () => {
    const deadline = new Date(now.getTime() + hours(1)).toISOString()
    const webinar = await createWebinar({ title: 'Deadline', registrationDeadline: deadline })
    expect((await register(webinar.slug, { name: 'Early', email: 'early@example.com' })).statusCode).toBe(201)
    now = new Date(now.getTime() + hours(2))
    const late = await register(webinar.slug, { name: 'Late', email: 'late@example.com' })
    expect(late.statusCode).toBe(409)
    expect(late.json().error.message).toMatch(/closed/)
    expect((await testApp.app.inject({ method: 'GET', url: `/api/public/webinars/${webinar.slug}` })).json().registration).toMatchObject({
      isOpen: false,
      closedReason: 'deadline_passed',
    })
    const byAdmin = await testApp.app.inject({ method: 'POST', url: `/api/webinars/${webinar.id}/registrations`, headers: staff(), payload: { name: 'Late VIP', email: 'vip@example.com' } })
    expect(byAdmin.statusCode, byAdmin.body).toBe(201)

    const cancelled = await createWebinar({ title: 'Called off' })
    await register(cancelled.slug, { name: 'Fan', email: 'fan@example.com' })
    await testApp.app.inject({ method: 'POST', url: `/api/webinars/${cancelled.id}/cancel`, headers: staff() })
    expect((await register(cancelled.slug, { name: 'Fan 2', email: 'fan2@example.com' })).json().error.message).toMatch(/cancelled/)
    expect((await testApp.app.inject({ method: 'GET', url: '/api/public/webinars/no-such-webinar' })).statusCode).toBe(404)
  })

  it('holds registrations for approval in manual mode', async () => {
    const webinar = await createWebinar({ title: 'Invite only', approvalMode: 'manual', capacity: 1 })
    const first = await register(webinar.slug, { name: 'Kim', email: 'kim@example.com' })
    expect(first.json().status).toBe('pending')
    await register(webinar.slug, { name: 'Lee', email: 'lee@example.com' })
    expect((await mailTo('kim@example.com', 'pending')).length).toBe(1)
    const list = (await testApp.app.inject({ method: 'GET', url: `/api/webinars/${webinar.id}/registrations?status=pending`, headers: staff() })).json()
    expect(list.total).toBe(2)
    expect(list.items[0].streamUserId).toBe(`reg_${list.items[0].id}`)
    const kim = list.items.find((item: { email: string }) => item.email === 'kim@example.com')
    const lee = list.items.find((item: { email: string }) => item.email === 'lee@example.com')

    const approved = await testApp.app.inject({ method: 'POST', url: `/api/webinars/${webinar.id}/registrations/${kim.id}/approve`, headers: staff() })
    expect(approved.json().status).toBe('approved')
    expect((await mailTo('kim@example.com', 'approved')).length).toBe(1)
    const full = await testApp.app.inject({ method: 'POST', url: `/api/webinars/${webinar.id}/registrations/${lee.id}/approve`, headers: staff() })
    expect(full.statusCode).toBe(409)
    const rejected = await testApp.app.inject({ method: 'POST', url: `/api/webinars/${webinar.id}/registrations/${lee.id}/reject`, headers: staff() })
    expect(rejected.json().status).toBe('rejected')
    expect((await mailTo('lee@example.com', 'rejected')).length).toBe(1)
  })
})

describe('after the end', () => {
  it('refuses approving and re-sending links, with a message saying why', async () => {
    const webinar = await createWebinar({ title: 'Over and done', approvalMode: 'manual' })
    await register(webinar.slug, { name: 'Waiting', email: 'waiting@over.test' })
    await register(webinar.slug, { name: 'Approved', email: 'approved@over.test' })
    const list = (await testApp.app.inject({ method: 'GET', url: `/api/webinars/${webinar.id}/registrations`, headers: staff() })).json()
    const idOf = (email: string) => list.items.find((item: { email: string }) => item.email === email).id
    await testApp.app.inject({ method: 'POST', url: `/api/webinars/${webinar.id}/registrations/${idOf('approved@over.test')}/approve`, headers: staff() })
    expect((await testApp.app.inject({ method: 'POST', url: `/api/webinars/${webinar.id}/start`, headers: staff() })).statusCode).toBe(200)
    expect((await testApp.app.inject({ method: 'POST', url: `/api/webinars/${webinar.id}/end`, headers: staff() })).statusCode).toBe(200)

    const approve = await testApp.app.inject({ method: 'POST', url: `/api/webinars/${webinar.id}/registrations/${idOf('waiting@over.test')}/approve`, headers: staff() })
    expect(approve.statusCode).toBe(409)
    expect(approve.json().error.message).toMatch(/has ended/)
    const resend = await testApp.app.inject({ method: 'POST', url: `/api/webinars/${webinar.id}/registrations/${idOf('approved@over.test')}/resend`, headers: staff() })
    expect(resend.statusCode).toBe(409)
    expect(resend.json().error.message).toMatch(/has ended/)
    const token = await joinTokenFromMail('approved@over.test', 'approved')
    const view = (await testApp.app.inject({ method: 'GET', url: `/api/join/${token}` })).json()
    expect(view.webinar).toMatchObject({ status: 'ended', liveStartedAt: expect.any(String), endedAt: expect.any(String) })
    expect(view).toMatchObject({ webinarId: webinar.id, call: { type: webinar.streamCallType, id: webinar.streamCallId } })
  })
})

describe('the personal link', () => {
  it('gives attendee credentials only to approved registrations, from the join-ahead window until the end', async () => {
    const start = new Date(now.getTime() + hours(48))
    const webinar = await createWebinar({ title: 'Join window', startTime: start.toISOString(), durationMinutes: 60, settings: { joinAheadSeconds: 600 } })
    await register(webinar.slug, { name: 'Viewer', email: 'viewer@example.com' })
    const token = await joinTokenFromMail('viewer@example.com')

    const early = await testApp.app.inject({ method: 'POST', url: `/api/join/${token}/stream-token` })
    expect(early.statusCode).toBe(409)
    expect(early.json().error.fields.opensAt).toBe(new Date(start.getTime() - 600_000).toISOString())

    now = new Date(start.getTime() - 300_000)
    const inWindow = await testApp.app.inject({ method: 'POST', url: `/api/join/${token}/stream-token` })
    expect(inWindow.statusCode, inWindow.body).toBe(200)
    expect(inWindow.json()).toMatchObject({ callId: webinar.streamCallId, userName: 'Viewer' })
    expect(inWindow.json().userId).toMatch(/^reg_/)
    const claims = JSON.parse(Buffer.from(inWindow.json().token.split('.')[1], 'base64url').toString())
    expect(claims).toMatchObject({ role: 'viewer', call_cids: [webinar.streamCallCid] })

    now = new Date(start.getTime() + hours(2))
    const late = await testApp.app.inject({ method: 'POST', url: `/api/join/${token}/stream-token` })
    expect(late.statusCode).toBe(409)
    expect(late.json().error.message).toMatch(/over/)
    expect((await testApp.app.inject({ method: 'POST', url: '/api/join/not-a-real-token-at-all-xxxxxxxx/stream-token' })).statusCode).toBe(404)
  })

  it('serves a calendar invite a real parser reads back with the right start instant', async () => {
    const ICAL = (await import('ical.js')).default
    const start = new Date(now.getTime() + hours(30))
    start.setUTCSeconds(0, 0)
    const webinar = await createWebinar({ title: 'Calendar', startTime: start.toISOString(), durationMinutes: 45 })
    await register(webinar.slug, { name: 'Cal', email: 'cal@example.com' })
    const token = await joinTokenFromMail('cal@example.com')
    const response = await testApp.app.inject({ method: 'GET', url: `/api/join/${token}/calendar.ics` })
    expect(response.headers['content-type']).toMatch(/text\/calendar/)
    const component = new ICAL.Component(ICAL.parse(response.body))
    const event = new ICAL.Event(component.getFirstSubcomponent('vevent')!)
    expect(event.startDate.toJSDate().toISOString()).toBe(start.toISOString())
    expect(event.endDate.toJSDate().getTime() - start.getTime()).toBe(45 * 60_000)
    expect(event.summary).toBe('Calendar')
    const stored = (await mailTo('cal@example.com', 'confirmation'))[0]!
    expect([stored.html, stored.text, stored.ics].join()).not.toContain(token)
    // The invite as delivered: the token put in, its long lines folded again, still a valid calendar.
    const mail = await mailAsDelivered(testApp, 'cal@example.com', ['confirmation'])
    const mailedEvent = new ICAL.Event(new ICAL.Component(ICAL.parse(mail.ics!)).getFirstSubcomponent('vevent')!)
    expect(mailedEvent.startDate.toJSDate().toISOString()).toBe(start.toISOString())
    expect(mailedEvent.location).toBe(`${testApp.config.publicUrl}/join/${token}`)
    expect(mail.ics!.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true)
  })

  it('shows names with HTML as text in mail and CSV', async () => {
    const webinar = await createWebinar({ title: 'Escaping' })
    await register(webinar.slug, { name: '<script>alert(1)</script>', email: 'xss@example.com' })
    await register(webinar.slug, { name: '=HYPERLINK("http://evil")', email: 'formula@example.com' })
    await register(webinar.slug, { name: '|cmd /c calc', email: 'pipe@example.com' })
    await register(webinar.slug, { name: '  ;=1+1', email: 'semicolon@example.com' })
    const mail = (await mailTo('xss@example.com', 'confirmation'))[0]!
    expect(mail.html).not.toContain('<script>alert(1)</script>')
    expect(mail.html).toContain('&lt;script&gt;')
    const csv = await testApp.app.inject({ method: 'GET', url: `/api/webinars/${webinar.id}/registrations.csv`, headers: staff() })
    expect(csv.headers['content-type']).toMatch(/text\/csv/)
    expect(csv.body).toContain(`"'=HYPERLINK(""http://evil"")"`)
    expect(csv.body).toContain(`'|cmd /c calc`)
    expect(csv.body).toContain(`';=1+1`)
    expect(csv.body).toContain('<script>alert(1)</script>')
  })
})

describe('mail that follows the webinar', () => {
  it('sends reminders 24 h and 1 h before the current start time, once each, never to cancelled ones', async () => {
    const start = new Date(now.getTime() + hours(72))
    const webinar = await createWebinar({ title: 'Reminded', startTime: start.toISOString() })
    await register(webinar.slug, { name: 'Stay', email: 'stay@example.com' })
    await register(webinar.slug, { name: 'Leave', email: 'leave@example.com' })
    await testApp.app.inject({ method: 'POST', url: `/api/join/${await joinTokenFromMail('leave@example.com')}/cancel` })
    const { enqueueDueReminders } = await import('../src/email/email-jobs.ts')
    const sweep = () => enqueueDueReminders({ db: testApp.database.db, outbox: testOutbox(), clock })

    now = new Date(start.getTime() - hours(25))
    await sweep()
    expect(await mailTo('stay@example.com', 'reminder_24h')).toHaveLength(0)

    now = new Date(start.getTime() - hours(23))
    await sweep()
    await sweep()
    expect(await mailTo('stay@example.com', 'reminder_24h')).toHaveLength(1)
    expect(await mailTo('leave@example.com', 'reminder_24h')).toHaveLength(0)

    // Rescheduled two days later: the reminders follow the new start.
    const newStart = new Date(start.getTime() + hours(48))
    const moved = await testApp.app.inject({ method: 'PATCH', url: `/api/webinars/${webinar.id}`, headers: staff(), payload: { startTime: newStart.toISOString() } })
    expect(moved.statusCode, moved.body).toBe(200)
    now = new Date(start.getTime() - hours(0.5))
    await sweep()
    expect(await mailTo('stay@example.com', 'reminder_1h')).toHaveLength(0)
    now = new Date(newStart.getTime() - hours(23))
    await sweep()
    expect(await mailTo('stay@example.com', 'reminder_24h')).toHaveLength(2)
    now = new Date(newStart.getTime() - hours(0.5))
    await sweep()
    await sweep()
    expect(await mailTo('stay@example.com', 'reminder_1h')).toHaveLength(1)

    // A cancelled webinar sends its cancellation instead of reminders.
    const called = await createWebinar({ title: 'Called off later', startTime: new Date(now.getTime() + hours(48)).toISOString() })
    await register(called.slug, { name: 'Hope', email: 'hope@example.com' })
    await testApp.app.inject({ method: 'POST', url: `/api/webinars/${called.id}/cancel`, headers: staff() })
    now = new Date(now.getTime() + hours(26))
    await sweep()
    expect(await mailTo('hope@example.com', 'reminder_24h')).toHaveLength(0)
  })

  it('reminds only those who were registered when each reminder fell due', async () => {
    const start = new Date(now.getTime() + hours(30))
    const webinar = await createWebinar({ title: 'Reminded fairly', startTime: start.toISOString() })
    const { enqueueDueReminders } = await import('../src/email/email-jobs.ts')
    const sweep = () => enqueueDueReminders({ db: testApp.database.db, outbox: testOutbox(), clock })
    const registerAt = async (hoursBefore: number, email: string) => {
      now = new Date(start.getTime() - hours(hoursBefore))
      expect((await register(webinar.slug, { name: email, email })).statusCode).toBe(201)
      await sweep()
    }
    await registerAt(25, 'early@reminded.test')
    now = new Date(start.getTime() - hours(23.9))
    await sweep()
    await registerAt(2, 'midway@reminded.test')
    now = new Date(start.getTime() - hours(0.9))
    await sweep()
    await registerAt(0.5, 'late@reminded.test')
    now = new Date(start.getTime() - hours(0.1))
    await sweep()
    const reminders = async (email: string) => (await mailTo(email)).map((mail) => mail.kind).filter((kind) => kind.startsWith('reminder')).sort()
    expect(await reminders('early@reminded.test')).toEqual(['reminder_1h', 'reminder_24h'])
    expect(await reminders('midway@reminded.test')).toEqual(['reminder_1h'])
    expect(await reminders('late@reminded.test')).toEqual([])
  })

  it('tells approved registrants once when the webinar goes live, and everyone when it is cancelled', async () => {
    const live = await createWebinar({ title: 'Going live' })
    await register(live.slug, { name: 'Watcher', email: 'watcher@example.com' })
    await testApp.app.inject({ method: 'POST', url: `/api/webinars/${live.id}/start`, headers: staff() })
    await testApp.app.inject({ method: 'POST', url: `/api/webinars/${live.id}/start`, headers: staff() })
    const { waitFor } = await import('./support/wait-for.ts')
    // Every "we're live" fan-out job for this webinar has run (none waiting, none running): then count the mail.
    await waitFor(async () => {
      const { rows } = await testApp.database.pool.query<{ state: string }>(`select state from pgboss.job where name = 'email-live-now' and data->>'webinarId' = $1`, [live.id])
      return rows.length > 0 && rows.every((row) => row.state === 'completed') ? true : undefined
    })
    expect(await mailTo('watcher@example.com', 'live_now')).toHaveLength(1)

    const cancelled = await createWebinar({ title: 'Not happening' })
    await register(cancelled.slug, { name: 'Hopeful', email: 'hopeful@example.com' })
    await testApp.app.inject({ method: 'POST', url: `/api/webinars/${cancelled.id}/cancel`, headers: staff() })
    await waitFor(async () => ((await mailTo('hopeful@example.com', 'webinar_cancelled')).length > 0 ? true : undefined))
  })

  it('lists the outbox in the Mailbox API, with bodies, for admins only', async () => {
    const list = await testApp.app.inject({ method: 'GET', url: '/api/mailbox?kind=confirmation&to=ada', headers: staff() })
    expect(list.statusCode).toBe(200)
    expect(list.json().items.length).toBeGreaterThan(0)
    expect(list.json().items.every((item: { to: string; kind: string; status: string }) => item.to === 'ada@example.com' && item.kind === 'confirmation' && item.status === 'kept')).toBe(true)
    const one = await testApp.app.inject({ method: 'GET', url: `/api/mailbox/${list.json().items[0].id}`, headers: staff() })
    expect(one.json().html).toContain('/join/')
  })
})

function testOutbox() {
  // The same outbox the app uses, built from the same parts, for driving the reminder sweep directly.
  return testApp.outbox
}
