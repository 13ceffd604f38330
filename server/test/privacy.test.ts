import { StreamClient } from '@stream-io/node-sdk'
import type { InjectOptions } from 'fastify'
import type { OutgoingMail } from '../src/email/mail-transport.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { joinTokenMailedTo } from './support/mail.ts'
import { createTestApp, csrfHeaders, owner, sessionCookieOf, setUpOwner, streamTestKeys, type TestApp } from './support/test-app.ts'
import { waitFor } from './support/wait-for.ts'
import { startWebhookReceiver } from './support/webhook-receiver.ts'

// Registrants' data on request, against the real app: a person registers for two webinars, talks in a room, is
// seen in the call, gets mail (one refused by the SMTP server with their address in the error), is muted by the
// host and announced to an integrator; the export holds all of it; the erasure leaves their name and address in no
// column of any table (the app's and pg-boss's) while every count and report stays as it was. Then the same from the
// registrant's own link, who may do it for themselves only.

const person = { name: 'Zephyrine Quillfeather', email: 'Zephyrine.Q@Example.org', phone: '+44 7700 900777', company: 'Loom Works' }
const other = { name: 'Otto Other', email: 'otto@example.org' }
const selfService = { name: 'Rhea Selfservice', email: 'rhea@example.org' }
/** What must be found nowhere after the erasure: the address (any case), the name's parts, the phone number, the answer. */
const personNeedles = ['zephyrine.q@example.org', 'Zephyrine', 'Quillfeather', '900777', 'Loom Works']

/** A relay that refuses the person's address, quoting it, as SMTP servers do; the rest is delivered. */
const refusedAddresses = new Set([person.email.toLowerCase(), selfService.email])
const delivered: OutgoingMail[] = []
const mailer = {
  isConfigured: true,
  send: async (mail: OutgoingMail) => {
    if (refusedAddresses.has(mail.to.toLowerCase())) throw new Error(`550 5.1.1 <${mail.to}>: Recipient address rejected: User unknown`)
    delivered.push(mail)
    return { messageId: `<${delivered.length}@test>` }
  },
}

let testApp: TestApp
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>
let ownerCookie: string
let hostCookie: string
let webinarA: { id: string; slug: string; streamCallType: string; streamCallId: string }
let webinarB: { id: string; slug: string }
let personToken: string
let personRegistrationIds: string[]

const asOwner = () => ({ cookie: ownerCookie, ...csrfHeaders })
const inject = (options: InjectOptions) => testApp.app.inject(options)

async function createWebinar(title: string, startsInMinutes: number) {
  const response = await inject({
    method: 'POST',
    url: '/api/webinars',
    headers: asOwner(),
    payload: {
      title,
      startTime: new Date(Date.now() + startsInMinutes * 60_000).toISOString(),
      timezone: 'UTC',
      durationMinutes: 60,
      attendedThresholdSeconds: 0,
      registrationForm: {
        fields: [
          { key: 'name', type: 'text', label: 'Full name', required: true },
          { key: 'email', type: 'email', label: 'E-mail', required: true },
          { key: 'mobile', type: 'phone', label: 'Mobile phone', required: false },
          { key: 'company', type: 'text', label: 'Company', required: false },
        ],
      },
    },
  })
  expect(response.statusCode, response.body).toBe(201)
  return response.json()
}

async function register(slug: string, body: { name: string; email: string; answers?: Record<string, string> }) {
  const response = await inject({ method: 'POST', url: `/api/public/webinars/${slug}/registrations`, payload: body })
  expect(response.statusCode, response.body).toBe(201)
}

async function registrationIdsOf(email: string): Promise<string[]> {
  const { rows } = await testApp.database.pool.query<{ id: string }>('select id from registrations where lower(email) = lower($1) order by created_at', [email])
  return rows.map((row) => row.id)
}

/** Every text, varchar, json and array column of the app's tables and pg-boss's, searched for each needle. */
async function columnsHolding(needles: string[]): Promise<string[]> {
  const { rows: columns } = await testApp.database.pool.query<{ table_schema: string; table_name: string; column_name: string }>(
    `select c.table_schema, c.table_name, c.column_name
       from information_schema.columns c join information_schema.tables t using (table_schema, table_name)
      where c.table_schema in ('public', 'pgboss') and t.table_type = 'BASE TABLE'
        and c.data_type in ('text', 'character varying', 'character', 'json', 'jsonb', 'ARRAY')`,
  )
  expect(columns.length).toBeGreaterThan(50)
  const found: string[] = []
  for (const { table_schema: schema, table_name: table, column_name: column } of columns) {
    for (const needle of needles) {
      const { rows } = await testApp.database.pool.query<{ n: number }>(`select count(*)::int as n from "${schema}"."${table}" where "${column}"::text ilike $1`, [`%${needle}%`])
      if (rows[0]!.n > 0) found.push(`${schema}.${table}.${column}: ${needle}`)
    }
  }
  return found
}

/** What the erasure must not move: each webinar's counts by status, its report's counts, the overview. */
async function countsAndReports() {
  const read = async (url: string) => {
    const response = await inject({ method: 'GET', url, headers: asOwner() })
    expect(response.statusCode, response.body).toBe(200)
    return response.json()
  }
  const snapshot: Record<string, unknown> = {}
  for (const webinar of [webinarA, webinarB]) {
    for (const status of ['approved', 'pending', 'waitlisted', 'cancelled', 'rejected']) {
      snapshot[`${webinar.id} ${status}`] = (await read(`/api/webinars/${webinar.id}/registrations?status=${status}&limit=1`)).total
    }
    const { registered, approved, joined, attended, chatMessages, questions, pollVotes, registrationsByDay } = await read(`/api/webinars/${webinar.id}/report`)
    snapshot[`${webinar.id} report`] = { registered, approved, joined, attended, chatMessages, questions, pollVotes, registrationsByDay }
  }
  const { webinarsRun, registrations, attendanceRate, topWebinars } = await read('/api/reports/overview?days=30')
  snapshot.overview = { webinarsRun, registrations, attendanceRate, topWebinars }
  return snapshot
}

async function auditRows() {
  const { rows } = await testApp.database.pool.query<{ actor_user_id: string | null; actor_kind: string; action: string; subject_ref: string; detail: Record<string, number> }>(
    'select actor_user_id, actor_kind, action, subject_ref, detail from audit_log order by created_at',
  )
  return rows
}

beforeAll(async () => {
  // Failed jobs wait a minute before their retry: the person's refused mail stays queued, its error in pg-boss, while the test runs.
  testApp = await createTestApp({ mailer, env: { JOB_RETRY_DELAY_SECONDS: '60', WEBHOOK_ALLOW_PRIVATE_URLS: 'true' } })
  receiver = await startWebhookReceiver()
  ownerCookie = await setUpOwner(testApp.app)
  const host = { email: 'hana.host@example.com', password: 'host password 123', name: 'Hana Host', role: 'host' }
  expect((await inject({ method: 'POST', url: '/api/users', headers: asOwner(), payload: host })).statusCode).toBe(201)
  hostCookie = sessionCookieOf(await inject({ method: 'POST', url: '/api/auth/login', payload: { email: host.email, password: host.password } }))
  // An integrator receives every event: registrations (with the name and address) and attendance.
  const endpoint = await inject({ method: 'POST', url: '/api/webhook-endpoints', headers: asOwner(), payload: { url: receiver.url } })
  expect(endpoint.statusCode, endpoint.body).toBe(201)

  webinarA = await createWebinar('Weaving, live', 60)
  webinarB = await createWebinar('Weaving, the sequel', 24 * 60)
  await register(webinarA.slug, { name: person.name, email: person.email, answers: { mobile: person.phone, company: person.company } })
  await register(webinarA.slug, { name: other.name, email: other.email })
  await register(webinarB.slug, { name: person.name, email: person.email.toLowerCase() })
  personRegistrationIds = await registrationIdsOf(person.email)
  expect(personRegistrationIds).toHaveLength(2)
  personToken = await joinTokenMailedTo(testApp, person.email)
  const otherToken = await joinTokenMailedTo(testApp, other.email)
  const [personInA] = personRegistrationIds as [string]

  // In the room: a chat message, a question, a poll vote; the other person talks about them.
  const room = (suffix: string) => `/api/rooms/${webinarA.id}${suffix}`
  const asPerson = { 'x-join-token': personToken }
  expect((await inject({ method: 'POST', url: room('/chat'), headers: asPerson, payload: { body: 'Hello from the loom' } })).statusCode).toBe(201)
  expect((await inject({ method: 'POST', url: room('/questions'), headers: asPerson, payload: { body: 'Which yarn do you use?' } })).statusCode).toBe(201)
  const chatAboutThem = await inject({ method: 'POST', url: room('/chat'), headers: { 'x-join-token': otherToken }, payload: { body: `Welcome ${person.name}! Mail me at otto@example.org` } })
  expect(chatAboutThem.statusCode).toBe(201)
  const poll = (await inject({ method: 'POST', url: room('/polls'), headers: asOwner(), payload: { question: 'Warp or weft?', options: ['Warp', 'Weft'] } })).json()
  await inject({ method: 'PATCH', url: room(`/polls/${poll.id}`), headers: asOwner(), payload: { status: 'open' } })
  expect((await inject({ method: 'POST', url: room(`/polls/${poll.id}/vote`), headers: asPerson, payload: { optionIndex: 1 } })).statusCode).toBe(200)
  // The host mutes and unmutes them: the moderation log and the room's events carry their name.
  expect((await inject({ method: 'PUT', url: room(`/chat/mutes/${personInA}`), headers: asOwner() })).statusCode).toBe(204)
  expect((await inject({ method: 'DELETE', url: room(`/chat/mutes/${personInA}`), headers: asOwner() })).statusCode).toBe(204)

  // In the call: their browser connected under their name (connectUser upserts it), Stream's webhooks carry it.
  const stream = new StreamClient(streamTestKeys.apiKey, streamTestKeys.apiSecret, { basePath: testApp.streamUrl })
  await stream.upsertUsers([{ id: `reg_${personInA}`, name: person.name }])
  expect((await inject({ method: 'POST', url: `/api/webinars/${webinarA.id}/start`, headers: asOwner() })).statusCode).toBe(200)
  testApp.emulator.joinParticipant(webinarA.streamCallType, webinarA.streamCallId, `reg_${personInA}`, { role: 'viewer' })
  testApp.emulator.leaveParticipant(webinarA.streamCallType, webinarA.streamCallId, `reg_${personInA}`)
  await testApp.emulator.whenWebhooksDelivered()
  // Everything the start sets off has happened before anything is counted: attendance, "we're live" to both, their refusal.
  await waitFor(async () => {
    const { rows } = await testApp.database.pool.query(
      `select 1 from registration_attendance where registration_id = $1 and attended
        and (select count(*) from email_messages where webinar_id = $2 and kind = 'live_now') = 2
        and (select count(*) from email_messages where registration_id = $1 and status = 'queued' and last_error is null) = 0`,
      [personInA, webinarA.id],
    )
    return rows.length > 0 ? true : undefined
  }, 20_000)
}, 60_000)

afterAll(async () => {
  await testApp?.close()
  await receiver?.close()
})

describe("a person's data on request", () => {
  it('finds their name and address in many places before the erasure (the scan below has teeth)', async () => {
    const found = await columnsHolding(personNeedles)
    for (const expected of [
      'public.registrations.email',
      'public.registrations.answers',
      'public.email_messages.to_email',
      'public.email_messages.html',
      'public.email_messages.last_error',
      'public.chat_messages.author_name',
      'public.chat_messages.body',
      'public.questions.author_name',
      'public.room_events.payload',
      'public.moderation_actions.target_name',
      'public.stream_webhook_events.payload',
      'public.webhook_deliveries.payload',
      'pgboss.job.output',
    ]) {
      expect(found.some((hit) => hit.startsWith(`${expected}:`)), `${expected} in ${found.join(', ')}`).toBe(true)
    }
  })

  it('exports everything held about them as a JSON file, in any case of the address, and logs it', async () => {
    const response = await inject({ method: 'POST', url: '/api/people/export', headers: asOwner(), payload: { email: person.email.toUpperCase() } })
    expect(response.statusCode, response.body).toBe(200)
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="person-[0-9a-f]{8}\.json"$/)
    expect(response.headers['content-disposition']).not.toMatch(/zephyrine/i)
    expect(response.headers['cache-control']).toBe('no-store')
    const document = response.json()
    expect(document.registrations.map((registration: { webinar: { id: string } }) => registration.webinar.id)).toEqual([webinarA.id, webinarB.id])
    const [inA, inB] = document.registrations
    expect(inA).toMatchObject({
      name: person.name,
      email: person.email,
      phone: person.phone,
      status: 'approved',
      source: 'public',
      webinar: { title: 'Weaving, live' },
      answers: expect.arrayContaining([
        { key: 'company', label: 'Company', value: person.company },
        { key: 'mobile', label: 'Mobile phone', value: person.phone },
      ]),
      attendance: { attended: true, sessions: [{ source: 'stream', joinedAt: expect.any(String), leftAt: expect.any(String) }] },
      chatMessages: [{ body: 'Hello from the loom', isHidden: false }],
      questions: [{ body: 'Which yarn do you use?', answer: null, upvotes: 0 }],
      pollVotes: [{ poll: 'Warp or weft?', option: 'Weft' }],
    })
    expect(inA.mail.map((mail: { kind: string }) => mail.kind)).toEqual(expect.arrayContaining(['confirmation', 'live_now']))
    expect(inA.mail[0].subject).toContain('Weaving, live')
    expect(inB).toMatchObject({ email: person.email.toLowerCase(), chatMessages: [], attendance: { attended: false, sessions: [] } })

    const [exported] = await auditRows()
    expect(exported).toMatchObject({ actor_kind: 'staff', action: 'person.exported', detail: { registrations: 2 } })
    expect(exported!.subject_ref).toMatch(/^[0-9a-f]{64}$/)
    expect(response.headers['content-disposition']).toContain(`person-${exported!.subject_ref.slice(0, 8)}.json`)
  })

  it('erases them everywhere in one go: nowhere in any table afterwards, while counts and reports stay as they were', async () => {
    const before = await countsAndReports()
    const erased = await inject({ method: 'POST', url: '/api/people/erase', headers: asOwner(), payload: { email: person.email.toLowerCase() } })
    expect(erased.statusCode, erased.body).toBe(200)
    expect(erased.json()).toEqual({ erasedRegistrations: 2 })

    expect(await columnsHolding(personNeedles)).toEqual([])
    expect(await countsAndReports()).toEqual(before)

    // The rows stay, anonymised; their queued mail will never be sent; their link no longer opens anything.
    const { rows: registrations } = await testApp.database.pool.query('select id, name, email, phone, answers, status, erased_at from registrations where id = any($1)', [personRegistrationIds])
    for (const row of registrations) expect(row).toMatchObject({ name: 'Erased registrant', email: `erased-${row.id}@erased.invalid`, phone: null, answers: {}, status: 'approved', erased_at: expect.any(Date) })
    const { rows: mail } = await testApp.database.pool.query<{ status: string; subject: string; last_error: string | null }>('select status, subject, last_error from email_messages where registration_id = any($1)', [personRegistrationIds])
    expect(mail.length).toBeGreaterThanOrEqual(3)
    expect(mail.every((row) => row.subject === '' && row.status === 'failed' && row.last_error?.startsWith('Not sent'))).toBe(true)
    expect((await inject({ method: 'GET', url: `/api/join/${personToken}` })).statusCode).toBe(404)

    // The other people are untouched, their chat about the person aside; the chat message keeps its place.
    const { rows: chat } = await testApp.database.pool.query<{ author_name: string; body: string }>('select author_name, body from chat_messages where webinar_id = $1 order by created_at', [webinarA.id])
    expect(chat).toEqual([
      { author_name: 'Erased registrant', body: 'Hello from the loom' },
      { author_name: other.name, body: 'Welcome Erased registrant! Mail me at otto@example.org' },
    ])
    expect(await registrationIdsOf(other.email)).toHaveLength(1)

    // Stream's user record of them has the erased name now.
    const renamed = testApp.emulator
      .listRequests()
      .filter((request) => request.operation === 'UpdateUsers')
      .flatMap((request) => Object.values((request.body as { users: Record<string, { id: string; name?: string }> }).users))
    expect(renamed).toEqual(expect.arrayContaining(personRegistrationIds.map((id) => ({ id: `reg_${id}`, name: 'Erased registrant' }))))

    const audit = await auditRows()
    expect(audit.at(-1)).toMatchObject({ actor_kind: 'staff', action: 'person.erased', subject_ref: audit[0]!.subject_ref, detail: { registrations: 2, unsentMails: mail.length } })
  })

  it('answers 0 for an address with nothing (left) to erase, and an empty export, and logs both', async () => {
    const again = await inject({ method: 'POST', url: '/api/people/erase', headers: asOwner(), payload: { email: person.email } })
    expect(again.json()).toEqual({ erasedRegistrations: 0 })
    const exported = await inject({ method: 'POST', url: '/api/people/export', headers: asOwner(), payload: { email: 'nobody@example.org' } })
    expect(exported.json()).toMatchObject({ email: 'nobody@example.org', registrations: [] })
    const audit = await auditRows()
    expect(audit.slice(-2).map((row) => [row.action, row.detail.registrations])).toEqual([
      ['person.erased', 0],
      ['person.exported', 0],
    ])
  })

  it('lists the audit log for owners and admins, newest first, naming the person by reference only', async () => {
    const response = await inject({ method: 'GET', url: '/api/audit-log?limit=3', headers: asOwner() })
    expect(response.statusCode, response.body).toBe(200)
    const log = response.json()
    expect(log).toMatchObject({ total: 4, limit: 3, offset: 0 })
    expect(log.items.map((item: { action: string }) => item.action)).toEqual(['person.exported', 'person.erased', 'person.erased'])
    expect(log.items[1]).toMatchObject({ actorKind: 'staff', actorName: owner.name, subjectRef: expect.stringMatching(/^[0-9a-f]{64}$/), detail: { registrations: 0 } })
    expect(response.body).not.toContain('@')
    const secondPage = (await inject({ method: 'GET', url: '/api/audit-log?limit=3&offset=3', headers: asOwner() })).json()
    expect(secondPage.items.map((item: { action: string }) => item.action)).toEqual(['person.exported'])
  })

  it('answers only owners and admins, and refuses bad input with field errors', async () => {
    const hostHeaders = { cookie: hostCookie, ...csrfHeaders }
    for (const [method, url, payload] of [
      ['POST', '/api/people/export', { email: other.email }],
      ['POST', '/api/people/erase', { email: other.email }],
      ['GET', '/api/audit-log', undefined],
    ] as const) {
      expect((await inject({ method, url, headers: hostHeaders, ...(payload ? { payload } : {}) })).statusCode, `${method} ${url} as a host`).toBe(403)
      expect((await inject({ method, url, ...(payload ? { payload } : {}) })).statusCode, `${method} ${url} anonymously`).toBe(401)
    }
    for (const payload of [{ email: 'not an address' }, {}, { email: other.email, name: other.name }, { email: 42 }]) {
      const response = await inject({ method: 'POST', url: '/api/people/erase', headers: asOwner(), payload })
      expect(response.statusCode, JSON.stringify(payload)).toBe(400)
      expect(response.json().error.code).toBe('validation_failed')
    }
    expect((await inject({ method: 'POST', url: '/api/people/export', headers: asOwner(), payload: { email: 'x' } })).json().error.fields).toHaveProperty('email')
    expect((await inject({ method: 'GET', url: '/api/audit-log?limit=0', headers: asOwner() })).statusCode).toBe(400)
    // Nobody was erased by any of it.
    expect(await registrationIdsOf(other.email)).toHaveLength(1)
  })
})

describe('erasing from the personal link', () => {
  it('cancels what is ahead and erases every registration under the address; the link then opens nothing', async () => {
    await register(webinarA.slug, { name: selfService.name, email: selfService.email })
    await register(webinarB.slug, { name: selfService.name, email: selfService.email })
    const ids = await registrationIdsOf(selfService.email)
    const token = await joinTokenMailedTo(testApp, selfService.email)

    expect((await inject({ method: 'POST', url: `/api/join/${'A'.repeat(43)}/erase` })).statusCode).toBe(404)
    expect((await inject({ method: 'POST', url: '/api/join/not-a-token/erase' })).statusCode).toBe(400)
    const erased = await inject({ method: 'POST', url: `/api/join/${token}/erase` })
    expect(erased.statusCode, erased.body).toBe(200)
    expect(erased.json()).toEqual({ erasedRegistrations: 2 })

    const { rows } = await testApp.database.pool.query('select status, name, erased_at from registrations where id = any($1)', [ids])
    expect(rows).toEqual([
      { status: 'cancelled', name: 'Erased registrant', erased_at: expect.any(Date) },
      { status: 'cancelled', name: 'Erased registrant', erased_at: expect.any(Date) },
    ])
    expect(await columnsHolding(['rhea@example.org', 'Selfservice'])).toEqual([])
    expect((await inject({ method: 'GET', url: `/api/join/${token}` })).statusCode).toBe(404)
    expect((await inject({ method: 'POST', url: `/api/join/${token}/erase` })).statusCode).toBe(404)

    const audit = await auditRows()
    expect(audit.at(-1)).toMatchObject({ actor_user_id: null, actor_kind: 'registrant', action: 'person.erased', detail: { registrations: 2 } })
    const log = (await inject({ method: 'GET', url: '/api/audit-log?limit=1', headers: asOwner() })).json()
    expect(log.items[0]).toMatchObject({ actorKind: 'registrant', actorUserId: null, actorName: null })
  })
})
