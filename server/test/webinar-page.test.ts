import type { MailboxList, MailboxSummary } from '@webinar/shared/mailbox'
import type { Webinar } from '@webinar/shared/webinars'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deliverEmail } from '../src/email/email-jobs.ts'
import { createMailTransport } from '../src/email/mail-transport.ts'
import { startSmtpServer, type SmtpTestServer } from './support/smtp-test-server.ts'
import { createTestApp, csrfHeaders, sessionCookieOf, setUpOwner, type TestApp } from './support/test-app.ts'
import { waitFor } from './support/wait-for.ts'

// What the webinar's page reads and does beyond the webinar itself: the mail sent for it (from the outbox, through
// a real SMTP server that bounces one domain) and scheduling a copy of it.

const hour = 3600_000
const day = 24 * hour
/** The app's clock: real time, unless a test moves it (a copy's default start depends on "now"). */
let clockOffsetMs = 0
const clock = { now: () => new Date(Date.now() + clockOffsetMs) }

let smtp: SmtpTestServer
let mailer: ReturnType<typeof createMailTransport>
let testApp: TestApp
let ownerCookie: string
/** A host who runs `webinar`; a second host, a stranger to it until made its co-host. */
let host: { id: string; cookie: string }
let otherHost: { id: string; cookie: string }
let webinar: Webinar

beforeAll(async () => {
  // A real relay that refuses every recipient at bounce.example.com for good (550), as a mailbox that does not exist.
  smtp = await startSmtpServer({
    onRcptTo(address, _session, callback) {
      if (address.address.endsWith('@bounce.example.com')) {
        return callback(Object.assign(new Error('5.1.1 Mailbox does not exist'), { responseCode: 550 }))
      }
      callback()
    },
  })
  mailer = createMailTransport(smtp.url, { from: 'Webinars <webinars@example.com>', timeoutMs: 2000 })
  // Sessions outlive the week the clock is moved by below.
  testApp = await createTestApp({ mailer, clock, env: { REGISTRATIONS_PER_IP_PER_MINUTE: '1000', SESSION_TTL_HOURS: '720' } })
  ownerCookie = await setUpOwner(testApp.app)
  host = await createHost('host')
  otherHost = await createHost('other-host')
  const start = Date.now() + 2 * day
  webinar = await createWebinar(host.cookie, {
    title: 'Weekly product clinic',
    description: 'Bring your questions.',
    timezone: 'Europe/Paris',
    durationMinutes: 45,
    capacity: 120,
    approvalMode: 'manual',
    registrationDeadline: new Date(start - hour).toISOString(),
    settings: { viewerMode: 'hls', record: false, chatSlowModeSeconds: 30, handRaising: false },
    attendedThresholdSeconds: 900,
    registrationForm: {
      fields: [
        { key: 'name', type: 'text', label: 'Full name', required: true },
        { key: 'email', type: 'email', label: 'E-mail', required: true },
        { key: 'company', type: 'text', label: 'Company', required: false },
      ],
    },
    startTime: new Date(start).toISOString(),
  })
}, 60_000)

afterAll(async () => {
  await testApp?.close()
  await mailer?.close()
  await smtp?.close()
})

async function createHost(label: string) {
  const credentials = { email: `${label}@example.com`, password: `${label} password 123` }
  const created = await testApp.app.inject({
    method: 'POST',
    url: '/api/users',
    headers: { cookie: ownerCookie, ...csrfHeaders },
    payload: { ...credentials, name: label, role: 'host' },
  })
  expect(created.statusCode, created.body).toBe(201)
  const login = await testApp.app.inject({ method: 'POST', url: '/api/auth/login', payload: credentials })
  expect(login.statusCode, login.body).toBe(200)
  return { id: created.json<{ id: string }>().id, cookie: sessionCookieOf(login) }
}

async function createWebinar(cookie: string, body: Record<string, unknown>): Promise<Webinar> {
  const response = await testApp.app.inject({ method: 'POST', url: '/api/webinars', headers: { cookie, ...csrfHeaders }, payload: body })
  expect(response.statusCode, response.body).toBe(201)
  return response.json<Webinar>()
}

const as = (cookie: string) => ({ cookie, ...csrfHeaders })

function mailOf(id: string, query = '', cookie = ownerCookie) {
  return testApp.app.inject({ method: 'GET', url: `/api/webinars/${id}/mail${query}`, headers: as(cookie) })
}

function duplicate(id: string, payload?: object, cookie = ownerCookie) {
  return testApp.app.inject({ method: 'POST', url: `/api/webinars/${id}/duplicate`, headers: as(cookie), ...(payload ? { payload } : {}) })
}

async function register(slug: string, name: string, email: string) {
  const response = await testApp.app.inject({ method: 'POST', url: `/api/public/webinars/${slug}/registrations`, payload: { name, email } })
  expect(response.statusCode, response.body).toBe(201)
}

async function outboxRow(email: string) {
  const { rows } = await testApp.database.pool.query<{ id: string; status: string; last_error: string | null; attempts: number }>(
    'select id, status, last_error, attempts from email_messages where to_email = $1',
    [email],
  )
  return rows[0]
}

async function countRows(table: string, webinarId: string): Promise<number> {
  const { rows } = await testApp.database.pool.query<{ count: number }>(`select count(*)::int as count from ${table} where webinar_id = $1`, [webinarId])
  return rows[0]!.count
}

describe('the mail sent for a webinar', () => {
  const delivered = 'grace@example.com'
  const bounced = 'nobody@bounce.example.com'
  const stillTrying = 'ghost@bounce.example.com'

  beforeAll(async () => {
    // Manual approval: each registrant gets the "awaiting approval" mail.
    await register(webinar.slug, 'Grace Hopper', delivered)
    await register(webinar.slug, 'Nobody', bounced)
    await register(webinar.slug, 'Ghost', stillTrying)
    await waitFor(async () => ((await outboxRow(delivered))?.status === 'sent' ? true : undefined), 20_000)
    // Both bounced mails were tried and refused once; they stay queued for the retries.
    for (const email of [bounced, stillTrying]) {
      await waitFor(async () => ((await outboxRow(email))?.last_error ? true : undefined), 20_000)
    }
    // The last attempt of one of them, as pg-boss makes it when its retries run out: the mail is `failed`.
    const row = await outboxRow(bounced)
    await expect(
      deliverEmail(
        { db: testApp.database.db, outbox: testApp.outbox, sender: mailer, joinTokens: testApp.joinTokens, studioTokens: testApp.studioTokens, clock },
        row!.id,
        true,
      ),
    ).rejects.toThrow(/550/)
    expect((await outboxRow(bounced))?.status).toBe('failed')
  }, 60_000)

  it('lists each mail newest first with its recipient, kind, subject, delivery state and attempts, without bodies', async () => {
    const response = await mailOf(webinar.id)
    expect(response.statusCode, response.body).toBe(200)
    const list = response.json<MailboxList>()
    expect(list).toMatchObject({ total: 3, limit: 25, offset: 0 })
    expect(list.items.map((mail) => mail.to)).toEqual([stillTrying, bounced, delivered])
    const byRecipient = new Map(list.items.map((mail) => [mail.to, mail]))
    expect(byRecipient.get(delivered)).toMatchObject({
      kind: 'pending',
      status: 'sent',
      attempts: 1,
      lastError: null,
      webinarId: webinar.id,
      subject: expect.stringContaining('Weekly product clinic'),
    })
    expect(byRecipient.get(delivered)!.sentAt).not.toBeNull()
    // The refusal says why, as the relay put it.
    const failed = byRecipient.get(bounced)!
    expect(failed).toMatchObject({ status: 'failed', sentAt: null })
    expect(failed.attempts).toBeGreaterThanOrEqual(2)
    expect(failed.lastError).toMatch(/550/)
    expect(byRecipient.get(stillTrying)).toMatchObject({ status: 'queued', sentAt: null, lastError: expect.stringMatching(/550/) })
    // Summaries only: no bodies, no join token (the id opens the mail in the Mailbox, for owners and admins).
    for (const mail of list.items) {
      expect(Object.keys(mail).sort()).toEqual(
        ['attempts', 'createdAt', 'id', 'kind', 'lastError', 'registrationId', 'sentAt', 'status', 'subject', 'to', 'webinarId'].sort(),
      )
    }
    expect(response.body).not.toMatch(/__personal_join_token__|\/join\//)
    const mailbox = await testApp.app.inject({ method: 'GET', url: `/api/mailbox/${failed.id}`, headers: as(ownerCookie) })
    expect(mailbox.json<MailboxSummary>()).toMatchObject({ id: failed.id, to: bounced })
  })

  it('filters by delivery state and pages', async () => {
    const statuses = async (query: string) => (await mailOf(webinar.id, query)).json<MailboxList>()
    expect((await statuses('?status=failed')).items.map((mail) => mail.to)).toEqual([bounced])
    expect((await statuses('?status=sent')).items.map((mail) => mail.to)).toEqual([delivered])
    expect((await statuses('?status=queued')).items.map((mail) => mail.to)).toEqual([stillTrying])
    expect(await statuses('?status=kept')).toMatchObject({ items: [], total: 0 })
    const secondPage = await statuses('?limit=2&offset=2')
    expect(secondPage).toMatchObject({ total: 3, limit: 2, offset: 2 })
    expect(secondPage.items.map((mail) => mail.to)).toEqual([delivered])
  })

  it('shows only this webinar’s mail', async () => {
    const other = await createWebinar(ownerCookie, { title: 'Another webinar', startTime: new Date(Date.now() + 3 * day).toISOString(), timezone: 'UTC', durationMinutes: 30 })
    await register(other.slug, 'Lin', 'lin@example.com')
    const list = (await mailOf(other.id)).json<MailboxList>()
    expect(list.items.map((mail) => mail.to)).toEqual(['lin@example.com'])
    expect(list.items[0]!.webinarId).toBe(other.id)
  })

  it('answers whoever runs the webinar: its host, co-hosts and admins; not a host who does not', async () => {
    expect((await mailOf(webinar.id, '', host.cookie)).statusCode).toBe(200)
    const refused = await mailOf(webinar.id, '', otherHost.cookie)
    expect(refused.statusCode).toBe(403)
    expect(refused.json()).toMatchObject({ error: { code: 'forbidden' } })
    const anonymous = await testApp.app.inject({ method: 'GET', url: `/api/webinars/${webinar.id}/mail` })
    expect(anonymous.statusCode).toBe(401)
    const missing = await mailOf('00000000-0000-4000-8000-000000000000')
    expect(missing.statusCode).toBe(404)

    const cohost = await testApp.app.inject({
      method: 'POST',
      url: `/api/webinars/${webinar.id}/speakers`,
      headers: as(host.cookie),
      payload: { kind: 'cohost', userId: otherHost.id },
    })
    expect(cohost.statusCode, cohost.body).toBe(201)
    expect((await mailOf(webinar.id, '', otherHost.cookie)).statusCode).toBe(200)
  })

  it('refuses a bad query with 400 and the field', async () => {
    for (const [query, field] of [
      ['?status=bounced', 'status'],
      ['?limit=0', 'limit'],
      ['?offset=-1', 'offset'],
      ['?page=2', 'page'],
    ] as const) {
      const response = await mailOf(webinar.id, query)
      expect(response.statusCode, query).toBe(400)
      expect(response.json(), query).toMatchObject({ error: { code: 'validation_failed' } })
      expect(JSON.stringify(response.json().error), query).toContain(field)
    }
    expect((await testApp.app.inject({ method: 'GET', url: '/api/webinars/not-a-uuid/mail', headers: as(ownerCookie) })).statusCode).toBe(400)
  })
})

describe('duplicating a webinar', () => {
  it('schedules a copy with the same content, settings and form, a new address and a Stream call of its own', async () => {
    const startTime = new Date(Date.now() + 10 * day).toISOString()
    const response = await duplicate(webinar.id, { startTime }, host.cookie)
    expect(response.statusCode, response.body).toBe(201)
    const copy = response.json<Webinar>()
    const original = (await testApp.app.inject({ method: 'GET', url: `/api/webinars/${webinar.id}`, headers: as(ownerCookie) })).json<Webinar>()

    expect(copy.id).not.toBe(original.id)
    expect(copy.slug).not.toBe(original.slug)
    expect(copy.slug).toMatch(/^weekly-product-clinic-/)
    expect(copy).toMatchObject({
      title: original.title,
      description: original.description,
      timezone: original.timezone,
      durationMinutes: original.durationMinutes,
      capacity: original.capacity,
      approvalMode: original.approvalMode,
      settings: original.settings,
      registrationForm: original.registrationForm,
      attendedThresholdSeconds: original.attendedThresholdSeconds,
      host: original.host,
      status: 'scheduled',
      provisioning: 'ready',
      startTime: new Date(startTime).toISOString(),
      liveStartedAt: null,
      series: null,
    })
    // The deadline keeps its hour before the start.
    expect(new Date(copy.registrationDeadline!).getTime()).toBe(new Date(startTime).getTime() - hour)

    // Its own call, prepared through the same path as a new webinar's, and the original's left alone.
    expect(copy.streamCallId).not.toBe(original.streamCallId)
    const call = testApp.emulator.getCall(copy.streamCallType, copy.streamCallId)
    expect(call).toBeDefined()
    expect(call!.starts_at).toBe(copy.startTime)
    expect(testApp.emulator.getCall(original.streamCallType, original.streamCallId)!.starts_at).toBe(original.startTime)

    // Nothing that happened around the original: no registrations, speakers, mail or recordings.
    expect(await countRows('registrations', webinar.id)).toBeGreaterThan(0)
    expect(await countRows('webinar_speakers', webinar.id)).toBeGreaterThan(0)
    for (const table of ['registrations', 'webinar_speakers', 'email_messages', 'recordings']) {
      expect(await countRows(table, copy.id), table).toBe(0)
    }
    expect((await mailOf(copy.id)).json<MailboxList>().total).toBe(0)
  })

  it('starts a week after the original by default, or a week from now on the hour once that has passed', async () => {
    const weekLater = await duplicate(webinar.id, {})
    expect(weekLater.statusCode, weekLater.body).toBe(201)
    expect(new Date(weekLater.json<Webinar>().startTime).getTime()).toBe(new Date(webinar.startTime).getTime() + 7 * day)
    // No body at all is the same as an empty one.
    const noBody = await duplicate(webinar.id)
    expect(noBody.statusCode, noBody.body).toBe(201)
    expect(noBody.json<Webinar>().startTime).toBe(weekLater.json<Webinar>().startTime)

    // Ten days on, the original is long over and a week after it has passed too.
    clockOffsetMs = 10 * day
    try {
      const now = clock.now().getTime()
      const later = await duplicate(webinar.id, {})
      expect(later.statusCode, later.body).toBe(201)
      const start = new Date(later.json<Webinar>().startTime).getTime()
      expect(start % hour).toBe(0)
      expect(start).toBeGreaterThanOrEqual(now + 7 * day)
      expect(start).toBeLessThan(now + 7 * day + hour)
      // The deadline moved with it.
      expect(new Date(later.json<Webinar>().registrationDeadline!).getTime()).toBe(start - hour)
    } finally {
      clockOffsetMs = 0
    }
  })

  it('drops a deadline the new start leaves in the past', async () => {
    const early = await createWebinar(ownerCookie, {
      title: 'Early deadline',
      startTime: new Date(Date.now() + 5 * day).toISOString(),
      registrationDeadline: new Date(Date.now() + day).toISOString(),
      timezone: 'UTC',
      durationMinutes: 30,
    })
    const response = await duplicate(early.id, { startTime: new Date(Date.now() + 2 * day).toISOString() })
    expect(response.statusCode, response.body).toBe(201)
    expect(response.json<Webinar>().registrationDeadline).toBeNull()
  })

  it('copies a cancelled webinar as a scheduled one', async () => {
    const cancelled = await createWebinar(ownerCookie, { title: 'Called off', startTime: new Date(Date.now() + day).toISOString(), timezone: 'UTC', durationMinutes: 30 })
    expect((await testApp.app.inject({ method: 'POST', url: `/api/webinars/${cancelled.id}/cancel`, headers: as(ownerCookie) })).statusCode).toBe(200)
    const response = await duplicate(cancelled.id, {})
    expect(response.statusCode, response.body).toBe(201)
    expect(response.json<Webinar>()).toMatchObject({ status: 'scheduled', cancelledAt: null, title: 'Called off' })
  })

  it('refuses a start that is not a date-time or is in the past, and unknown fields, with 400 and the field', async () => {
    const cases: Array<[object, string]> = [
      [{ startTime: 'next tuesday' }, 'startTime'],
      [{ startTime: 42 }, 'startTime'],
      [{ startTime: new Date(Date.now() - hour).toISOString() }, 'startTime'],
      [{ title: 'Another title' }, 'title'],
    ]
    for (const [payload, field] of cases) {
      const response = await duplicate(webinar.id, payload)
      expect(response.statusCode, JSON.stringify(payload)).toBe(400)
      expect(response.json(), JSON.stringify(payload)).toMatchObject({ error: { code: 'validation_failed' } })
      expect(JSON.stringify(response.json().error), JSON.stringify(payload)).toContain(field)
    }
    const past = await duplicate(webinar.id, { startTime: new Date(Date.now() - hour).toISOString() })
    expect(past.json()).toMatchObject({ error: { fields: { startTime: 'must be in the future' } } })
  })

  it('is for the webinar’s host and admins: not a co-host, not a stranger', async () => {
    const before = await testApp.database.pool.query<{ count: number }>('select count(*)::int as count from webinars')
    // otherHost is a co-host of `webinar` by now: they run its room, they do not manage it.
    const byCohost = await duplicate(webinar.id, {}, otherHost.cookie)
    expect(byCohost.statusCode).toBe(403)
    const strangers = await createWebinar(otherHost.cookie, { title: 'Not yours', startTime: new Date(Date.now() + day).toISOString(), timezone: 'UTC', durationMinutes: 30 })
    expect((await duplicate(strangers.id, {}, host.cookie)).statusCode).toBe(403)
    expect((await duplicate('00000000-0000-4000-8000-000000000000', {})).statusCode).toBe(404)
    const withoutCsrf = await testApp.app.inject({ method: 'POST', url: `/api/webinars/${webinar.id}/duplicate`, headers: { cookie: ownerCookie }, payload: {} })
    expect(withoutCsrf.statusCode).toBe(403)
    const after = await testApp.database.pool.query<{ count: number }>('select count(*)::int as count from webinars')
    // Only the webinar made for the stranger was added.
    expect(after.rows[0]!.count).toBe(before.rows[0]!.count + 1)
  })
})
