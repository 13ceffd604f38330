import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { logHooks, logSerializers } from '../src/http/log-serializers.ts'
import { userRepository } from '../src/users/user-repository.ts'
import { createTestApp, csrfHeaders, owner, setUpOwner, type TestApp } from './support/test-app.ts'
import { joinTokenMailedTo } from './support/mail.ts'

// PostgreSQL cannot store U+0000 in text or jsonb: a string holding one used to reach a query and fail as a 500,
// and the error log printed the query's bind values (password hashes, token hashes, e-mails). Every route now
// refuses it with a 400, and logged database errors never carry bind values.

const logLines: string[] = []
const logger = pino({ level: 'info', serializers: logSerializers, hooks: logHooks }, { write: (line: string) => void logLines.push(line) })
let testApp: TestApp
let cookie: string
let webinar: { id: string; slug: string }
let joinToken: string

const staff = () => ({ cookie, ...csrfHeaders })
const nul = '\u0000'

beforeAll(async () => {
  testApp = await createTestApp({ logger })
  cookie = await setUpOwner(testApp.app)
  const created = await testApp.app.inject({
    method: 'POST',
    url: '/api/webinars',
    headers: staff(),
    payload: { title: 'NUL test', startTime: new Date(Date.now() + 86_400_000).toISOString(), timezone: 'UTC', durationMinutes: 60 },
  })
  webinar = created.json()
  await testApp.app.inject({ method: 'POST', url: `/api/public/webinars/${webinar.slug}/registrations`, payload: { name: 'Ann', email: 'ann@example.com' } })
  joinToken = await joinTokenMailedTo(testApp, 'ann@example.com')
})
afterAll(() => testApp.close())

interface Case {
  method: 'POST' | 'PATCH' | 'GET'
  url: () => string
  payload: Record<string, unknown>
  headers?: () => Record<string, string>
}

// Valid requests; each string in each payload gets a NUL in turn (sentinel-* values must never reach the log).
const cases: Record<string, Case> = {
  setup: { method: 'POST', url: () => '/api/setup', payload: { email: 'sentinel-setup@example.com', name: 'Sentinel Setup', password: 'sentinel password 1' } },
  login: { method: 'POST', url: () => '/api/auth/login', payload: { email: owner.email, password: 'sentinel password 2' } },
  register: {
    method: 'POST',
    url: () => `/api/public/webinars/${webinar.slug}/registrations`,
    payload: { name: 'Sentinel Registrant', email: 'sentinel-registrant@example.com', answers: { mobile: '+44 20 7946 0000' }, timezone: 'Europe/London' },
  },
  addRegistration: {
    method: 'POST',
    url: () => `/api/webinars/${webinar.id}/registrations`,
    headers: staff,
    payload: { name: 'Sentinel Added', email: 'sentinel-added@example.com', timezone: 'Europe/Paris' },
  },
  chat: { method: 'POST', url: () => `/api/rooms/${webinar.id}/chat`, headers: () => ({ 'x-join-token': joinToken }), payload: { body: 'sentinel chat' } },
  question: { method: 'POST', url: () => `/api/rooms/${webinar.id}/questions`, headers: () => ({ 'x-join-token': joinToken }), payload: { body: 'sentinel question' } },
  hostChat: { method: 'POST', url: () => `/api/rooms/${webinar.id}/chat`, headers: staff, payload: { body: 'sentinel host chat' } },
  poll: { method: 'POST', url: () => `/api/rooms/${webinar.id}/polls`, headers: staff, payload: { question: 'sentinel poll?', options: ['yes', 'no'] } },
  createWebinar: {
    method: 'POST',
    url: () => '/api/webinars',
    headers: staff,
    payload: {
      title: 'Sentinel webinar',
      description: 'sentinel description',
      startTime: new Date(Date.now() + 86_400_000).toISOString(),
      timezone: 'UTC',
      durationMinutes: 30,
      registrationForm: {
        fields: [
          { key: 'name', type: 'text', label: 'Full name', required: true },
          { key: 'email', type: 'email', label: 'E-mail', required: true },
          { key: 'company', type: 'select', label: 'Company', placeholder: 'sentinel placeholder', required: false, options: ['One', 'Two'] },
        ],
      },
    },
  },
  editWebinar: { method: 'PATCH', url: () => `/api/webinars/${webinar.id}`, headers: staff, payload: { title: 'Sentinel title', description: 'sentinel edit' } },
  createUser: { method: 'POST', url: () => '/api/users', headers: staff, payload: { email: 'sentinel-user@example.com', name: 'Sentinel User', password: 'sentinel password 3', role: 'host' } },
  createApiKey: { method: 'POST', url: () => '/api/api-keys', headers: staff, payload: { name: 'sentinel key' } },
  changePassword: { method: 'POST', url: () => '/api/auth/password', headers: staff, payload: { currentPassword: owner.password, newPassword: 'sentinel password 4' } },
}

/** Every variant of `payload` with a NUL inside exactly one of its strings (or object keys), and that field's path. */
function withNulInEachString(payload: unknown, path: string[] = []): { payload: unknown; field: string }[] {
  if (typeof payload === 'string') {
    return [{ payload: `${payload.slice(0, 3)}${nul}${payload.slice(3)}`, field: path.join('.') }]
  }
  if (Array.isArray(payload)) {
    return payload.flatMap((item, index) =>
      withNulInEachString(item, [...path, String(index)]).map((variant) => ({ payload: payload.map((other, at) => (at === index ? variant.payload : other)), field: variant.field })),
    )
  }
  if (payload !== null && typeof payload === 'object') {
    return Object.entries(payload).flatMap(([key, value]) =>
      withNulInEachString(value, [...path, key]).map((variant) => ({ payload: { ...payload, [key]: variant.payload }, field: variant.field })),
    )
  }
  return []
}

describe('the NUL character', () => {
  it.each(Object.entries(cases))('is refused with a 400 in every string field of %s', async (_name, testCase) => {
    const variants = withNulInEachString(testCase.payload)
    expect(variants.length).toBeGreaterThan(0)
    for (const variant of variants) {
      const response = await testApp.app.inject({ method: testCase.method, url: testCase.url(), headers: testCase.headers?.() ?? {}, payload: variant.payload as object })
      expect(response.statusCode, `${variant.field}: ${response.body}`).toBe(400)
      const { error } = response.json()
      expect(error).toMatchObject({ code: 'validation_failed', message: expect.stringContaining('NUL'), requestId: expect.any(String) })
      expect(error.fields).toHaveProperty([variant.field])
    }
  })

  it('is refused in object keys (registration answers)', async () => {
    const response = await testApp.app.inject({
      method: 'POST',
      url: `/api/public/webinars/${webinar.slug}/registrations`,
      payload: { name: 'Key', email: 'sentinel-key@example.com', answers: { [`mob${nul}ile`]: 'x' } },
    })
    expect(response.statusCode).toBe(400)
    expect(response.json().error.code).toBe('validation_failed')
  })

  it('is refused in the query of list routes and in path parameters', async () => {
    const urls = [
      '/api/webinars?q=%00',
      `/api/webinars?q=ab%00cd`,
      `/api/webinars/${webinar.id}/registrations?q=%00`,
      `/api/webinars/${webinar.id}/registrations.csv?q=%00`,
      '/api/mailbox?to=%00',
      '/api/mailbox?kind=a%00',
      '/api/public/webinars/%00',
      `/api/public/webinars/${webinar.slug}%00`,
      `/api/join/${joinToken}%00`,
    ]
    for (const url of urls) {
      const response = await testApp.app.inject({ method: 'GET', url, headers: { cookie } })
      expect(response.statusCode, `${url}: ${response.body}`).toBe(400)
      expect(response.json().error.code).toBe('validation_failed')
      const [field] = Object.keys(response.json().error.fields)
      expect(field).toMatch(/^(query|params)\./)
    }
  })

  it('never made it to the database, so no request failed and the log holds no value sent', async () => {
    const log = logLines.join('\n')
    expect(log).not.toMatch(/"level":50/)
    expect(log).not.toContain('sentinel')
    expect(log).not.toContain('scrypt$')
  })
})

describe('database errors in the log', () => {
  it('carry the query but not its bind values (hashes, e-mails) nor the row values of a constraint violation', async () => {
    const lines: string[] = []
    const errorLog = pino({ serializers: logSerializers, hooks: logHooks }, { write: (line: string) => void lines.push(line) })
    const secretHash = 'scrypt$16384$8$1$sentinel-salt$sentinel-hash'
    // A query that fails with bind values in it (NUL reaches PostgreSQL only this way now: below the routes).
    const failed = await userRepository
      .insert(testApp.database.db, { email: 'sentinel-bind@example.com', name: `bad${nul}name`, passwordHash: secretHash, role: 'host' })
      .catch((error: unknown) => error)
    expect(failed).toBeInstanceOf(Error)
    errorLog.error({ err: failed }, 'request failed')
    // A constraint violation: PostgreSQL's detail repeats the conflicting value.
    const duplicate = await testApp.database.pool
      .query('insert into users (email, name, password_hash, role) values ($1, $2, $3, $4)', [owner.email, 'Sentinel Dup', secretHash, 'host'])
      .catch((error: unknown) => error)
    errorLog.error({ err: duplicate }, 'request failed')
    // The same error logged as pino's first argument goes through the same serializer.
    errorLog.error(failed as Error)

    expect(lines).toHaveLength(3)
    const log = lines.join('\n')
    expect(log).toContain('insert into \\"users\\"')
    expect(log).toContain('users_email_lower_unique')
    expect(log).not.toContain('sentinel')
    expect(log).not.toContain(owner.email)
    expect(log).not.toContain('scrypt$')
  })
})
