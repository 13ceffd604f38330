import { createHmac, randomUUID } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import fc from 'fast-check'
import type { HTTPMethods } from 'fastify'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { logHooks, logSerializers } from '../src/http/log-serializers.ts'
import { joinTokenMailedTo } from './support/mail.ts'
import { createTestApp, csrfHeaders, owner, sessionCookieOf, setUpOwner, streamTestKeys, type TestApp } from './support/test-app.ts'
import { waitFor } from './support/wait-for.ts'

/*
 * Whatever a client sends (random JSON, wrong types, huge or strange strings, prototype keys, truncated or
 * undecodable bodies, wrong content types, odd paths and queries, forged webhooks), the app answers below 500,
 * and every refusal comes in its error shape `{ error: { code, message, requestId, fields? } }`.
 *
 * Every request is checked, and every distinct problem is kept with the smallest request that showed it instead
 * of stopping at the first: one refusal without the error shape on a path parameter would otherwise hide whatever
 * the bodies of that route still break. Each test fails at its end if it kept any.
 */

// Thousands of requests from one address within a minute: the limits are not what is tested here, and a 429 would
// answer before the validation that is. 64 KiB of body, so that the ~100 kB bodies meet the limit both ways and
// an oversized webhook stays cheap.
const env = {
  RATE_LIMIT_PER_MINUTE: '1000000',
  LOGIN_ATTEMPTS_PER_15_MINUTES: '1000000',
  REGISTRATIONS_PER_IP_PER_MINUTE: '1000000',
  BODY_LIMIT_BYTES: String(64 * 1024),
  // Webhook endpoints point at a dead port of this machine (see deadWebhookUrl), never at the internet.
  WEBHOOK_ALLOW_PRIVATE_URLS: 'true',
}
/** Nothing listens there: deliveries fail at once and nothing leaves the machine. */
const deadWebhookUrl = 'http://127.0.0.1:9/hostile'

// Random each run, printed with the figures; HOSTILE_INPUT_SEED=<seed> replays a run.
const seed = process.env.HOSTILE_INPUT_SEED ? Number(process.env.HOSTILE_INPUT_SEED) : Math.floor(Math.random() * 2 ** 31)

// Object.prototype as it was before any request: a polluting body would add a key to it.
const objectPrototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort()
function expectPrototypeUntouched() {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(objectPrototypeKeys)
}

/** What the apps logged at error level, by request id: every request sends an x-request-id of its own. */
const loggedFailures = new Map<string, string>()
/** Failures logged outside any request (jobs): reported, since hostile data may break them later. */
const backgroundFailures: string[] = []
const failureLogger = pino(
  { level: 'error', serializers: logSerializers, hooks: logHooks },
  {
    write: (line: string) => {
      const entry = JSON.parse(line) as { reqId?: string; msg?: string; err?: { stack?: string } }
      const failure = entry.err?.stack ?? entry.msg ?? line
      if (entry.reqId) loggedFailures.set(entry.reqId, failure)
      else backgroundFailures.push(failure)
    },
  },
)

// ---------------------------------------------------------------------------------------------------------------
// Requests, answers and what was wrong with them
// ---------------------------------------------------------------------------------------------------------------

interface Sent {
  method: HTTPMethods
  url: string
  headers: Record<string, string>
  payload?: string | Buffer
  /** The room's event stream: read over a real connection until its headers (inject would wait for its end). */
  isEventStream?: boolean
}

interface Answer {
  status: number
  body: string
}

interface Problem {
  route: string
  problem: string
  count: number
  request: string
  size: number
  answer: string
  log: string | undefined
}

const sizeOf = (request: Sent) => request.url.length + (request.payload?.length ?? 0)

function describeRequest(request: Sent): string {
  const url = request.url.length > 200 ? `${request.url.slice(0, 200)}… (${request.url.length} characters)` : request.url
  const shownHeaders = Object.entries(request.headers)
    .filter(([name]) => ['content-type', 'content-encoding', 'x-join-token', 'x-signature', 'x-webhook-id'].includes(name))
    .map(([name, value]) => `${name}: ${JSON.stringify(value.slice(0, 80))}`)
  const payload =
    request.payload === undefined
      ? ''
      : Buffer.isBuffer(request.payload)
        ? ` bytes ${request.payload.subarray(0, 100).toString('hex')}${request.payload.length > 100 ? `… (${request.payload.length} bytes)` : ''}`
        : ` ${JSON.stringify(request.payload.slice(0, 300))}${request.payload.length > 300 ? `… (${request.payload.length} characters)` : ''}`
  return `${request.method} ${url}${shownHeaders.length > 0 ? ` {${shownHeaders.join(', ')}}` : ''}${payload}`
}

/** Why this answer breaks the contract, or undefined when it keeps it. */
function problemWith(requestId: string, status: number, body: string): string | undefined {
  if (status < 400) return undefined
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch {
    return `${status} whose body is not JSON`
  }
  const error = (parsed as { error?: unknown } | null)?.error
  if (typeof error !== 'object' || error === null) {
    const frameworkCode = (parsed as { code?: unknown } | null)?.code
    return `${status} without the error shape${typeof frameworkCode === 'string' ? ` (${frameworkCode})` : ''}`
  }
  const { code, message, requestId: echoed } = error as Record<string, unknown>
  if (status >= 500) return `${status} ${String(code)}`
  if (typeof code !== 'string' || typeof message !== 'string') return `${status} without error.code and error.message`
  if (echoed !== requestId) return `${status} ${code} without this request's id`
  return undefined
}

/** Requests sent, their statuses, and the problems seen (each kept once, with the smallest request that showed it). */
class Tally {
  requests = 0
  readonly routes = new Set<string>()
  private readonly statuses = new Map<number, number>()
  private readonly problems = new Map<string, Problem>()
  private readonly byRequestId = new Map<string, { route: string; request: string; size: number; status: number; isReported: boolean }>()

  record(route: string, request: Sent, requestId: string, answer: Answer) {
    this.requests++
    this.routes.add(route)
    this.statuses.set(answer.status, (this.statuses.get(answer.status) ?? 0) + 1)
    const problem = problemWith(requestId, answer.status, answer.body)
    const described = { route, request: describeRequest(request), size: sizeOf(request), status: answer.status, isReported: problem !== undefined }
    this.byRequestId.set(requestId, described)
    if (problem) this.keep(route, problem, described, answer.body, loggedFailures.get(requestId))
  }

  /** The problems of these routes (all when none are named), one line each, for `toEqual([])`. */
  problemsOf(...routes: string[]): string[] {
    // A failure the app logged for a request it answered below 500: an event stream that broke after its headers.
    for (const [requestId, failure] of loggedFailures) {
      const described = this.byRequestId.get(requestId)
      if (!described || described.isReported) continue
      described.isReported = true
      this.keep(described.route, `${described.status}, with a failure in the log`, described, '', failure)
    }
    return [...this.problems.values()]
      .filter((problem) => routes.length === 0 || routes.includes(problem.route))
      .map(
        (problem) =>
          `${problem.route}: ${problem.problem} (×${problem.count})\n    request: ${problem.request}\n    answer: ${problem.answer.slice(0, 300)}` +
          (problem.log ? `\n    log: ${problem.log.split('\n').slice(0, 8).join('\n         ')}` : ''),
      )
  }

  histogram(): string {
    return `{${[...this.statuses.entries()]
      .sort(([a], [b]) => a - b)
      .map(([status, count]) => `${status}: ${count}`)
      .join(', ')}}`
  }

  private keep(route: string, problem: string, request: { request: string; size: number }, answer: string, log: string | undefined) {
    // Failures with the same status but a different cause are different problems: the log's first line tells them apart.
    const key = `${route} ${problem} ${log?.split('\n')[0]?.slice(0, 160) ?? ''}`
    const known = this.problems.get(key)
    if (known) {
      known.count++
      if (request.size < known.size) Object.assign(known, { request: request.request, size: request.size, answer, log })
      return
    }
    this.problems.set(key, { route, problem, count: 1, request: request.request, size: request.size, answer, log })
  }
}

let requestCount = 0
/** Sends one request with a request id of its own and checks the answer into the tally. */
async function send(target: TestApp, tally: Tally, route: string, request: Sent): Promise<Answer> {
  const requestId = `hostile-${++requestCount}`
  const headers = { ...request.headers, 'x-request-id': requestId }
  let answer: Answer
  if (request.isEventStream) {
    const aborter = new AbortController()
    const response = await fetch(`${target.url}${request.url}`, { headers, signal: aborter.signal })
    answer = { status: response.status, body: response.ok ? '' : await response.text() }
    aborter.abort()
  } else {
    const response = await target.app.inject({ method: request.method, url: request.url, headers, ...(request.payload === undefined ? {} : { payload: request.payload }) })
    answer = { status: response.statusCode, body: response.body }
  }
  tally.record(route, request, requestId, answer)
  return answer
}

// ---------------------------------------------------------------------------------------------------------------
// Hostile material
// ---------------------------------------------------------------------------------------------------------------

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code))
const oddCharacters = fc.constantFrom('\u0000', '\u0001', '\u001f', '\u007f', '\u200b', '\u202e', '\u2028', '\ufeff', '\ufffd', '\uffff', '"', '\\', '\r\n', '%', '<', "'", '`', '$', '{')
/** One unit of hostile text: any grapheme or code point, a lone surrogate, NUL and friends. */
const hostileUnit = fc.oneof(
  { weight: 5, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: loneSurrogate },
  { weight: 1, arbitrary: oddCharacters },
)
const hostileText = (minLength = 0, maxLength = 60) => fc.string({ unit: hostileUnit, minLength, maxLength })
/** 5 to 110 thousand characters of a repeated piece (generating each one would be slow); escaped, up to 6× more bytes. */
const hugeText = fc
  .tuple(hostileText(1, 8), fc.integer({ min: 5_000, max: 110_000 }))
  .map(([piece, length]) => piece.repeat(Math.ceil(length / piece.length)).slice(0, length))
const edgeNumbers = fc.constantFrom(0, -0, -1, 1.5, 2 ** 31, 2 ** 53, -(2 ** 53), 1e308, -1e308, 5e-324, 2 ** 63)
/** A value of any type at all, for a field that expects one type. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3, stringUnit: hostileUnit }) },
  { weight: 3, arbitrary: hostileText() },
  { weight: 2, arbitrary: edgeNumbers },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(true, false, null, [], {}, '', ' ') },
  { weight: 1, arbitrary: hugeText },
)

/** Every byte percent-encoded except the unreserved ones (a lone surrogate becomes U+FFFD's bytes). */
function percentEncode(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((byte) => (/[A-Za-z0-9._~-]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`))
    .join('')
}

/** A path segment nobody should send: random text, one past Fastify's 100-character limit, bad escapes, traversal. */
const hostileSegment = fc.oneof(
  { weight: 4, arbitrary: hostileText(1, 40).map(percentEncode) },
  { weight: 1, arbitrary: fc.integer({ min: 101, max: 5000 }).map((length) => 'a'.repeat(length)) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '%00', 'a%00b', '..%2F..%2Fsetup', '..%2f', '%2e%2e%2f', '%2e%2e', '%', '%zz', '%E0%A4%A', '%C3%28', '%FF', '%ED%A0%80', '%u0000', '%2F',
      '%5C..%5C', '%0D%0ASet-Cookie:%20a=b', '%3Cscript%3E', '%20', '~', 'null', 'undefined', '__proto__', 'constructor',
      '00000000-0000-0000-0000-000000000000', 'A'.repeat(43), 'A'.repeat(100),
    ),
  },
)

const hostileQuery = fc.oneof(
  { weight: 3, arbitrary: fc.constant('') },
  {
    weight: 3,
    arbitrary: fc
      .array(fc.tuple(hostileText(0, 12), hostileText(0, 40)), { minLength: 1, maxLength: 4 })
      .map((pairs) => `?${pairs.map(([key, value]) => `${percentEncode(key)}=${percentEncode(value)}`).join('&')}`),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '?%zz=1', '?a=%zz', '?a=%00', '?__proto__=x', '?__proto__[polluted]=yes', '?__proto__.polluted=yes', '?constructor[prototype][polluted]=yes',
      '?a=1&a=2&a=3', '?ticket=x&ticket=y', '?ticket=%00', `?ticket=${'x'.repeat(3000)}`, '?&&&=&=', '?=', '?a[]=1', '?a=%C3%28', '?a=%ED%A0%80',
    ),
  },
  { weight: 1, arbitrary: fc.integer({ min: 100, max: 3000 }).map((count) => `?${Array.from({ length: count }, (_, index) => `k${index}=v`).join('&')}`) },
)

interface Body {
  payload?: string | Buffer
  contentType?: string
}
const asJson = (value: unknown): Body => ({ payload: JSON.stringify(value), contentType: 'application/json' })
const jsonText = (payload: string | Buffer): Body => ({ payload, contentType: 'application/json' })

// Raw text: JSON.stringify never writes an own __proto__ key, and a key spelt with escapes is the same key to JSON.parse.
const pollutingKeys = fc.constantFrom('"__proto__"', '"constructor"', '"prototype"', '"\\u005f_proto__"', '"__proto\\u005f_"', '"constructo\\u0072"')
const pollutingValues = fc.constantFrom('{"polluted":"yes"}', '{"prototype":{"polluted":"yes"}}', '{"__proto__":{"polluted":"yes"}}', 'null', '"polluted"', '[{"polluted":"yes"}]')
function withLeadingKey(objectText: string, key: string, value: string): string {
  const rest = objectText.startsWith('{') ? objectText.slice(1) : '}'
  return `{${key}:${value}${rest === '}' ? '' : ','}${rest}`
}
const invalidUtf8 = fc.constantFrom([0xc3, 0x28], [0xff], [0xfe, 0xff], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0x80], [0xe2, 0x82], [0xef, 0xbb, 0xbf])
const contentTypes = fc.constantFrom(
  'text/plain', 'text/html', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml', 'application/octet-stream',
  'application/json; charset=utf-16', 'application/json; charset=iso-8859-1', 'application/vnd.api+json', 'application/JSON', 'application/json, text/plain',
  '*/*', 'application/json;;', 'json', undefined,
)

/**
 * Bodies for a route whose real fields are `fieldNames`: plausible values (which reach the services), any type under
 * the real names, any JSON, prototype keys, truncated or undecodable JSON, wrong content types, huge strings, number
 * literals JSON.stringify never writes, deep nesting and empty bodies.
 */
function hostileBodies(plausible: fc.Arbitrary<Record<string, unknown>>, fieldNames: string[]): fc.Arbitrary<Body> {
  const field = fieldNames.length > 0 ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...fieldNames) }, { weight: 1, arbitrary: hostileText(1, 12) }) : hostileText(1, 12)
  const plausibleText = plausible.map((value) => JSON.stringify(value))
  return fc.oneof(
    { weight: 6, arbitrary: plausible.map(asJson) },
    { weight: 3, arbitrary: fc.dictionary(field, anyValue, { maxKeys: 4 }).map(asJson) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4, stringUnit: hostileUnit }).map(asJson) },
    {
      weight: 2,
      arbitrary: fc.oneof(
        fc.tuple(plausibleText, pollutingKeys, pollutingValues).map(([text, key, value]) => jsonText(withLeadingKey(text, key, value))),
        fc.tuple(plausibleText, field, pollutingKeys, pollutingValues).map(([text, name, key, value]) => jsonText(withLeadingKey(text, JSON.stringify(name), `{${key}:${value}}`))),
      ),
    },
    { weight: 1, arbitrary: fc.tuple(plausibleText, fc.nat()).map(([text, at]) => jsonText(text.slice(0, at % text.length))) },
    {
      weight: 1,
      arbitrary: fc.oneof(
        fc.tuple(field, invalidUtf8).map(([name, bytes]) => jsonText(Buffer.concat([Buffer.from(`{${JSON.stringify(name)}:"a`), Buffer.from(bytes), Buffer.from('b"}')]))),
        invalidUtf8.map((bytes) => jsonText(Buffer.concat([Buffer.from('{"'), Buffer.from(bytes), Buffer.from('":1}')]))),
        fc.tuple(plausibleText, invalidUtf8).map(([text, bytes]) => jsonText(Buffer.concat([Buffer.from(bytes), Buffer.from(text)]))),
        fc.uint8Array({ minLength: 1, maxLength: 300 }).map((bytes) => jsonText(Buffer.from(bytes))),
      ),
    },
    { weight: 1, arbitrary: fc.tuple(plausibleText, contentTypes).map(([payload, contentType]) => ({ payload, contentType })) },
    { weight: 1, arbitrary: fc.tuple(plausible, field, hugeText).map(([value, name, text]) => asJson({ ...value, [name]: text })) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(field, fc.constantFrom('1e999', '-1e999', '1e-999', '-0', '7.0', '1E2', '00', '0x10', 'NaN', 'Infinity', '.5', '+1', '1_000', '123456789012345678901234567890'))
        .map(([name, literal]) => jsonText(`{${JSON.stringify(name)}:${literal}}`)),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.integer({ min: 500, max: 12_000 }), fc.boolean())
        .map(([depth, isArray]) => jsonText(isArray ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`)),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom<Body>({}, jsonText(''), jsonText('null'), jsonText(' \n'), jsonText('""'), { payload: '{}' }),
    },
  )
}
const noFields = hostileBodies(fc.constant({}), [])

function sent(method: HTTPMethods, url: string, body: Body = {}, headers: Record<string, string> = {}): Sent {
  return {
    method,
    url,
    headers: { ...headers, ...(body.contentType === undefined ? {} : { 'content-type': body.contentType }) },
    ...(body.payload === undefined ? {} : { payload: body.payload }),
  }
}

const plausibleEmail = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(fc.stringMatching(/^[a-z0-9]{1,12}$/), fc.nat()).map(([local, number]) => `${local}.${number}@example.com`) },
  { weight: 1, arbitrary: fc.emailAddress() },
  { weight: 1, arbitrary: hostileText(0, 30).map((text) => `${text}@example.com`) },
  { weight: 1, arbitrary: hostileText() },
)
const timezones = ['UTC', 'Europe/Paris', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham']

// ---------------------------------------------------------------------------------------------------------------
// The app and what it holds
// ---------------------------------------------------------------------------------------------------------------

let testApp: TestApp
let sequence = 0
const unique = (label: string) => `${label}-${++sequence}`
const fixture = {} as {
  ownerHeaders: Record<string, string>
  ownerId: string
  webinar: { id: string; slug: string }
  joinToken: string
  questionId: string
  chatId: string
  pollId: string
  mailId: string
}

/** A request the fixture needs; fails loudly, so a broken fixture never reads as a refusal. */
async function asOwner<T = Record<string, unknown>>(method: HTTPMethods, url: string, payload?: object): Promise<T> {
  const response = await testApp.app.inject({ method, url, headers: fixture.ownerHeaders, ...(payload ? { payload } : {}) })
  expect([200, 201], `${method} ${url}: ${response.body}`).toContain(response.statusCode)
  return response.json() as T
}

const inFiveMinutes = () => new Date(Date.now() + 5 * 60_000).toISOString()
/** Starts in five minutes, inside the join-ahead window: the room is open. */
async function createWebinar(extra: object = {}) {
  return asOwner<{ id: string; slug: string; streamCallCid: string }>('POST', '/api/webinars', {
    title: unique('Hostile input'),
    startTime: inFiveMinutes(),
    timezone: 'UTC',
    durationMinutes: 60,
    ...extra,
  })
}

/** Registers someone on the public page and reads their personal link from the mail it sent. */
async function registerPublicly(slug: string): Promise<string> {
  const email = `${unique('registrant')}@example.com`
  const response = await testApp.app.inject({ method: 'POST', url: `/api/public/webinars/${slug}/registrations`, payload: { name: 'Reg', email } })
  expect(response.statusCode, response.body).toBe(201)
  return joinTokenMailedTo(testApp, email)
}

beforeAll(async () => {
  testApp = await createTestApp({ env, logger: failureLogger })
  fixture.ownerHeaders = { cookie: await setUpOwner(testApp.app), ...csrfHeaders }
  fixture.ownerId = (await asOwner<{ user: { id: string } }>('GET', '/api/me')).user.id
  // A form with a question of each kind, so that answers reach the checks (and the database) behind them.
  fixture.webinar = await createWebinar({
    registrationForm: {
      fields: [
        { key: 'name', type: 'text', label: 'Full name', required: true },
        { key: 'email', type: 'email', label: 'E-mail', required: true },
        { key: 'company', type: 'text', label: 'Company', required: false },
        { key: 'about', type: 'textarea', label: 'About you', required: false },
        { key: 'mobile', type: 'phone', label: 'Mobile', required: false },
        { key: 'size', type: 'select', label: 'Team size', required: false, options: ['Small', 'Large'] },
        { key: 'newsletter', type: 'checkbox', label: 'Newsletter', required: false },
      ],
    },
  })
  fixture.joinToken = await registerPublicly(fixture.webinar.slug)
  const attendee = { 'x-join-token': fixture.joinToken }
  const room = `/api/rooms/${fixture.webinar.id}`
  const question = await testApp.app.inject({ method: 'POST', url: `${room}/questions`, headers: attendee, payload: { body: 'Is there a replay?' } })
  expect(question.statusCode, question.body).toBe(201)
  fixture.questionId = question.json().id
  const chat = await testApp.app.inject({ method: 'POST', url: `${room}/chat`, headers: attendee, payload: { body: 'Hello' } })
  expect(chat.statusCode, chat.body).toBe(201)
  fixture.chatId = chat.json().id
  fixture.pollId = (await asOwner<{ id: string }>('POST', `${room}/polls`, { question: 'Useful?', options: ['Yes', 'No', 'Maybe'] })).id
  await asOwner('PATCH', `${room}/polls/${fixture.pollId}`, { status: 'open' })
  const { rows } = await testApp.database.pool.query<{ id: string }>('select id from email_messages limit 1')
  fixture.mailId = rows[0]!.id
}, 60_000)
afterAll(() => testApp?.close())

// ---------------------------------------------------------------------------------------------------------------
// 1. Public and attendee routes
// ---------------------------------------------------------------------------------------------------------------

/** Stands for the link of a registration made just before the request: cancelling uses one up. */
const throwawayToken = '{throwaway-token}'

interface RouteCase {
  route: string
  numRuns: number
  requests: () => fc.Arbitrary<Sent>
  /** Tried on every run before the random ones: the kinds of input known to have broken something. */
  examples?: () => Sent[]
}

/** The same route with a path segment Fastify cannot decode, and one past its 100-character limit for parameters. */
const undecodableAndOverlong = (url: (segment: string) => string, method: HTTPMethods = 'GET') => [sent(method, url('%zz')), sent(method, url('a'.repeat(101)))]

const realOr = (real: () => string, weight = 2) => fc.oneof({ weight, arbitrary: fc.constant(null).map(real) }, { weight: 3, arbitrary: hostileSegment })
const slugSegment = () => realOr(() => fixture.webinar.slug, 3)
const tokenSegment = () =>
  fc.oneof(
    { weight: 2, arbitrary: fc.constant(null).map(() => fixture.joinToken) },
    { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{43}$/) },
    { weight: 3, arbitrary: hostileSegment },
  )
const roomSegment = () => fc.oneof({ weight: 4, arbitrary: fc.constant(null).map(() => fixture.webinar.id) }, { weight: 1, arbitrary: fc.uuid() }, { weight: 2, arbitrary: hostileSegment })
const itemSegment = (real: () => string) => fc.oneof({ weight: 3, arbitrary: fc.constant(null).map(real) }, { weight: 1, arbitrary: fc.uuid() }, { weight: 2, arbitrary: hostileSegment })
/**
 * The real attendee's link mostly; else a forged one, none, or the host's session: attendees may send 3 messages in
 * 5 seconds and hosts are not limited, so the host's messages are the ones that reach the room's storage, whatever
 * text they hold. Header values are printable ASCII, as HTTP allows.
 */
const attendeeHeaders = () =>
  fc.oneof(
    { weight: 5, arbitrary: fc.constant(null).map(() => ({ 'x-join-token': fixture.joinToken })) },
    { weight: 2, arbitrary: fc.constant(null).map(() => fixture.ownerHeaders) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 200 }).map((token) => ({ 'x-join-token': token })) },
    { weight: 1, arbitrary: fc.constant({}) },
  )
const messageBodies = hostileBodies(fc.record({ body: fc.oneof({ weight: 4, arbitrary: hostileText(1, 520) }, { weight: 1, arbitrary: hugeText }) }), ['body'])

const publicAndAttendeeRoutes: RouteCase[] = [
  {
    route: 'POST /api/setup',
    numRuns: 120,
    requests: () =>
      hostileBodies(fc.record({ email: plausibleEmail, name: hostileText(1, 130), password: hostileText(8, 210) }, { requiredKeys: [] }), ['email', 'name', 'password']).map((body) =>
        sent('POST', '/api/setup', body),
      ),
    examples: () => [
      sent('POST', '/api/setup', jsonText('{"__proto__":{"polluted":"yes"},"email":"a@example.com","name":"N","password":"long enough pass"}')),
      sent('POST', '/api/setup', jsonText('{"constructor":{"prototype":{"polluted":"yes"}},"email":"a@example.com","name":"N","password":"long enough pass"}')),
    ],
  },
  {
    route: 'POST /api/auth/login',
    numRuns: 120,
    requests: () =>
      hostileBodies(
        fc.record(
          {
            email: fc.oneof(fc.constantFrom(owner.email, ` ${owner.email.toUpperCase()} `), plausibleEmail),
            password: fc.oneof({ weight: 1, arbitrary: fc.constant(owner.password) }, { weight: 4, arbitrary: hostileText(1, 210) }),
          },
          { requiredKeys: [] },
        ),
        ['email', 'password'],
      ).map((body) => sent('POST', '/api/auth/login', body)),
    examples: () => [sent('POST', '/api/auth/login', jsonText(`{"\\u005f_proto__":{"polluted":"yes"},"email":"${owner.email}","password":"x"}`))],
  },
  {
    route: 'GET /api/public/webinars/:slug',
    numRuns: 150,
    requests: () => fc.tuple(slugSegment(), hostileQuery).map(([slug, query]) => sent('GET', `/api/public/webinars/${slug}${query}`)),
    examples: () => undecodableAndOverlong((slug) => `/api/public/webinars/${slug}`),
  },
  {
    route: 'POST /api/public/webinars/:slug/registrations',
    numRuns: 300,
    requests: () =>
      fc
        .tuple(
          slugSegment(),
          hostileBodies(
            fc.record(
              {
                name: hostileText(1, 130),
                email: plausibleEmail,
                answers: fc.oneof(
                  // Answers to the form's own questions, which get past its checks to be stored.
                  {
                    weight: 3,
                    arbitrary: fc.record(
                      {
                        company: hostileText(0, 40),
                        about: hostileText(0, 300),
                        mobile: fc.constantFrom('+44 20 7946 0000', '06 12 34 56 78', '+1 (555) 010-9999'),
                        size: fc.constantFrom('Small', 'Large'),
                        newsletter: fc.boolean(),
                      },
                      { requiredKeys: [] },
                    ),
                  },
                  {
                    weight: 1,
                    arbitrary: fc.dictionary(
                      fc.oneof({ weight: 4, arbitrary: fc.constantFrom('company', 'about', 'mobile', 'size', 'newsletter', 'name', 'email', 'constructor', 'toString') }, { weight: 1, arbitrary: hostileText(1, 45) }),
                      fc.oneof(hostileText(0, 600), fc.boolean(), fc.constantFrom('Small', 'Large', '+44 20 7946 0000'), anyValue),
                      { maxKeys: 4 },
                    ),
                  },
                ),
                timezone: fc.oneof(fc.constantFrom(...timezones, 'Mars/Olympus'), hostileText(0, 70)),
              },
              { requiredKeys: ['name', 'email'] },
            ),
            ['name', 'email', 'answers', 'timezone'],
          ),
        )
        .map(([slug, body]) => sent('POST', `/api/public/webinars/${slug}/registrations`, body)),
    examples: () => [
      // A lone surrogate in an answer: fine for the validator (one code point), refused by PostgreSQL's jsonb.
      sent('POST', `/api/public/webinars/${fixture.webinar.slug}/registrations`, asJson({ name: 'Lone', email: `${unique('lone')}@example.com`, answers: { company: 'a\ud800b' } })),
      ...undecodableAndOverlong((slug) => `/api/public/webinars/${slug}/registrations`, 'POST'),
    ],
  },
  {
    route: 'GET /api/join/:token',
    numRuns: 150,
    requests: () => fc.tuple(tokenSegment(), hostileQuery).map(([token, query]) => sent('GET', `/api/join/${token}${query}`)),
    examples: () => undecodableAndOverlong((token) => `/api/join/${token}`),
  },
  {
    route: 'GET /api/join/:token/calendar.ics',
    numRuns: 120,
    requests: () => fc.tuple(tokenSegment(), hostileQuery).map(([token, query]) => sent('GET', `/api/join/${token}/calendar.ics${query}`)),
    examples: () => undecodableAndOverlong((token) => `/api/join/${token}/calendar.ics`),
  },
  {
    // 20 a minute per link: past them the real link gets 429, which is fine here; forged links have counters of their own.
    route: 'POST /api/join/:token/stream-token',
    numRuns: 120,
    requests: () => fc.tuple(tokenSegment(), noFields).map(([token, body]) => sent('POST', `/api/join/${token}/stream-token`, body)),
    examples: () => undecodableAndOverlong((token) => `/api/join/${token}/stream-token`, 'POST'),
  },
  {
    route: 'POST /api/join/:token/room-ticket',
    numRuns: 120,
    requests: () => fc.tuple(tokenSegment(), noFields).map(([token, body]) => sent('POST', `/api/join/${token}/room-ticket`, body)),
    examples: () => undecodableAndOverlong((token) => `/api/join/${token}/room-ticket`, 'POST'),
  },
  {
    // 30 a minute per link, like the credentials: past them the real link gets 429. The real link's webinar is not
    // over, so Stream is not asked; a cancelled or unknown link is refused before it would be.
    route: 'GET /api/join/:token/replay',
    numRuns: 120,
    requests: () => fc.tuple(tokenSegment(), hostileQuery).map(([token, query]) => sent('GET', `/api/join/${token}/replay${query}`)),
    examples: () => undecodableAndOverlong((token) => `/api/join/${token}/replay`),
  },
  {
    // Never the real attendee's link: the room routes below need it approved.
    route: 'POST /api/join/:token/cancel',
    numRuns: 100,
    requests: () =>
      fc
        .tuple(fc.oneof({ weight: 1, arbitrary: fc.constant(throwawayToken) }, { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{43}$/) }, { weight: 4, arbitrary: hostileSegment }), noFields)
        .map(([token, body]) => sent('POST', `/api/join/${token}/cancel`, body)),
    examples: () => undecodableAndOverlong((token) => `/api/join/${token}/cancel`, 'POST'),
  },
  {
    // Never the real attendee's link either: erasing uses up every registration under its address.
    route: 'POST /api/join/:token/erase',
    numRuns: 60,
    requests: () =>
      fc
        .tuple(fc.oneof({ weight: 1, arbitrary: fc.constant(throwawayToken) }, { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{43}$/) }, { weight: 4, arbitrary: hostileSegment }), noFields)
        .map(([token, body]) => sent('POST', `/api/join/${token}/erase`, body)),
    examples: () => undecodableAndOverlong((token) => `/api/join/${token}/erase`, 'POST'),
  },
  {
    route: 'GET /api/rooms/:webinarId/state',
    numRuns: 150,
    requests: () => fc.tuple(roomSegment(), hostileQuery, attendeeHeaders()).map(([room, query, headers]) => sent('GET', `/api/rooms/${room}/state${query}`, {}, headers)),
    examples: () => undecodableAndOverlong((room) => `/api/rooms/${room}/state`),
  },
  {
    // About 3 messages per 5 seconds per attendee: valid messages past that get 429, invalid ones are refused before.
    route: 'POST /api/rooms/:webinarId/chat',
    numRuns: 250,
    requests: () => fc.tuple(roomSegment(), messageBodies, attendeeHeaders()).map(([room, body, headers]) => sent('POST', `/api/rooms/${room}/chat`, body, headers)),
    examples: () => [
      sent('POST', `/api/rooms/${fixture.webinar.id}/chat`, asJson({ body: 'a\ud800b' }), fixture.ownerHeaders),
      ...undecodableAndOverlong((room) => `/api/rooms/${room}/chat`, 'POST'),
    ],
  },
  {
    route: 'POST /api/rooms/:webinarId/questions',
    numRuns: 200,
    requests: () => fc.tuple(roomSegment(), messageBodies, attendeeHeaders()).map(([room, body, headers]) => sent('POST', `/api/rooms/${room}/questions`, body, headers)),
    examples: () => [
      sent('POST', `/api/rooms/${fixture.webinar.id}/questions`, asJson({ body: 'a\udc00b' }), fixture.ownerHeaders),
      ...undecodableAndOverlong((room) => `/api/rooms/${room}/questions`, 'POST'),
    ],
  },
  {
    route: 'POST /api/rooms/:webinarId/questions/:itemId/upvote',
    numRuns: 150,
    requests: () =>
      fc
        .tuple(roomSegment(), itemSegment(() => fixture.questionId), noFields, attendeeHeaders())
        .map(([room, item, body, headers]) => sent('POST', `/api/rooms/${room}/questions/${item}/upvote`, body, headers)),
    examples: () => undecodableAndOverlong((item) => `/api/rooms/${fixture.webinar.id}/questions/${item}/upvote`, 'POST'),
  },
  {
    route: 'POST /api/rooms/:webinarId/polls/:itemId/vote',
    numRuns: 200,
    requests: () =>
      fc
        .tuple(
          roomSegment(),
          itemSegment(() => fixture.pollId),
          hostileBodies(fc.record({ optionIndex: fc.oneof(fc.integer({ min: -2, max: 10 }), edgeNumbers) }), ['optionIndex']),
          attendeeHeaders(),
        )
        .map(([room, item, body, headers]) => sent('POST', `/api/rooms/${room}/polls/${item}/vote`, body, headers)),
    examples: () => [
      sent('POST', `/api/rooms/${fixture.webinar.id}/polls/${fixture.pollId}/vote`, jsonText('{"optionIndex":1e999}'), { 'x-join-token': fixture.joinToken }),
      ...undecodableAndOverlong((item) => `/api/rooms/${fixture.webinar.id}/polls/${item}/vote`, 'POST'),
    ],
  },
]

describe('public and attendee routes under random and hostile input', () => {
  const tally = new Tally()

  for (const { route, numRuns, requests, examples = () => [] } of publicAndAttendeeRoutes) {
    it(
      `${route}: never 5xx, always the error shape`,
      async () => {
        await fc.assert(
          fc.asyncProperty(requests(), async (request) => {
            const url = request.url.includes(throwawayToken) ? request.url.replace(throwawayToken, await registerPublicly(fixture.webinar.slug)) : request.url
            await send(testApp, tally, route, { ...request, url })
          }),
          { numRuns, seed, examples: examples().map((example) => [example] as [Sent]) },
        )
        expect(tally.problemsOf(route)).toEqual([])
      },
      120_000,
    )
  }

  it('left Object.prototype alone', () => {
    expectPrototypeUntouched()
  })

  afterAll(() => {
    console.log(`hostile input: ${tally.requests} requests over ${tally.routes.size} routes, statuses ${tally.histogram()} (seed ${seed})`)
  })
})

// ---------------------------------------------------------------------------------------------------------------
// 2. Requests generated from the OpenAPI document
// ---------------------------------------------------------------------------------------------------------------

interface JsonSchema {
  type?: string | string[]
  enum?: unknown[]
  const?: unknown
  anyOf?: JsonSchema[]
  oneOf?: JsonSchema[]
  nullable?: boolean
  format?: string
  pattern?: string
  minLength?: number
  maxLength?: number
  minimum?: number
  maximum?: number
  exclusiveMinimum?: number
  exclusiveMaximum?: number
  items?: JsonSchema
  minItems?: number
  maxItems?: number
  properties?: Record<string, JsonSchema>
  required?: string[]
  additionalProperties?: boolean | JsonSchema
  minProperties?: number
  maxProperties?: number
  $ref?: string
}

interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>
  components?: { schemas?: Record<string, JsonSchema> }
}
interface OpenApiOperation {
  parameters?: { in: string; name: string; required?: boolean; schema: JsonSchema }[]
  requestBody?: { required?: boolean; content: Record<string, { schema: JsonSchema }> }
}

interface Operation {
  key: string
  method: HTTPMethods
  path: string
  pathParameters: { name: string; schema: JsonSchema }[]
  queryParameters: { name: string; schema: JsonSchema }[]
  body: JsonSchema | undefined
}

const httpMethods = new Set(['get', 'post', 'put', 'patch', 'delete'])

/** Every operation of the document; anything it cannot send as the document says fails here rather than being left out. */
function operationsOf(document: OpenApiDocument): Operation[] {
  return Object.entries(document.paths).flatMap(([path, pathItem]) =>
    Object.entries(pathItem).map(([method, operation]) => {
      if (!httpMethods.has(method)) throw new Error(`${method} ${path}: not an HTTP method this generator knows`)
      const parameters = operation.parameters ?? []
      const unknownPlace = parameters.find((parameter) => parameter.in !== 'path' && parameter.in !== 'query')
      if (unknownPlace) throw new Error(`${method} ${path}: a parameter in ${unknownPlace.in}`)
      const contentTypes = Object.keys(operation.requestBody?.content ?? {})
      if (contentTypes.some((type) => type !== 'application/json')) throw new Error(`${method} ${path}: a body of type ${contentTypes.join(', ')}`)
      return {
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase() as HTTPMethods,
        path,
        pathParameters: parameters.filter((parameter) => parameter.in === 'path'),
        queryParameters: parameters.filter((parameter) => parameter.in === 'query'),
        body: operation.requestBody?.content['application/json']?.schema,
      }
    }),
  )
}

let componentSchemas: Record<string, JsonSchema> = {}
const understoodKeywords = new Set([
  'type', 'enum', 'const', 'anyOf', 'oneOf', 'nullable', 'format', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'exclusiveMinimum',
  'exclusiveMaximum', 'items', 'minItems', 'maxItems', 'properties', 'required', 'additionalProperties', 'minProperties', 'maxProperties', '$ref',
  'description', 'title', 'default', 'examples', 'example',
])
/** The schema itself (a $ref followed); a keyword the converter does not understand fails the run, never ignored. */
function understood(schema: JsonSchema): JsonSchema {
  const unknown = Object.keys(schema).filter((keyword) => !understoodKeywords.has(keyword))
  if (unknown.length > 0) throw new Error(`the generator does not understand ${unknown.join(', ')} in ${JSON.stringify(schema).slice(0, 200)}`)
  if (schema.$ref) {
    const target = componentSchemas[schema.$ref.replace('#/components/schemas/', '')]
    if (!target) throw new Error(`unresolved ${schema.$ref}`)
    return understood(target)
  }
  return schema
}

/**
 * A single code point, printable mostly, sometimes any. Not NUL nor a lone surrogate: the app refuses both
 * everywhere by a rule of its own (PostgreSQL cannot store them), which the edge requests and the hostile part try.
 */
const conformingUnit = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: 'grapheme-composite', minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).filter((character) => character !== '\u0000' && character.isWellFormed()) },
)
const codePoints = (text: string) => [...text].length
/** A generated value as query or path text (fast-check may make objects without a prototype, which String() refuses). */
const asText = (value: unknown) => (typeof value === 'string' ? value : (JSON.stringify(value) ?? 'undefined'))

function dateTimeBetween(from: number, to: number): fc.Arbitrary<string> {
  return fc.tuple(fc.integer({ min: from, max: to }), fc.constantFrom(0, 0, 330, -480, 840, -720), fc.boolean()).map(([time, offsetMinutes, isZulu]) => {
    if (offsetMinutes === 0) return isZulu ? new Date(time).toISOString() : new Date(time).toISOString().replace('Z', '+00:00')
    const local = new Date(time + offsetMinutes * 60_000).toISOString().slice(0, -1)
    const magnitude = Math.abs(offsetMinutes)
    return `${local}${offsetMinutes < 0 ? '-' : '+'}${String(Math.floor(magnitude / 60)).padStart(2, '0')}:${String(magnitude % 60).padStart(2, '0')}`
  })
}
const anyDateTime = fc.oneof(
  { weight: 4, arbitrary: dateTimeBetween(Date.UTC(2000, 0, 1), Date.UTC(2100, 0, 1)) },
  { weight: 1, arbitrary: dateTimeBetween(Date.UTC(100, 0, 2), Date.UTC(9998, 11, 31)) },
)
const hour = 3600_000
const futureDateTime = fc.constant(null).chain(() => dateTimeBetween(Date.now() + hour, Date.now() + 2 * 365 * 24 * hour))
const pastDateTime = fc.constant(null).chain(() => dateTimeBetween(Date.now() - 2 * 365 * 24 * hour, Date.now() - hour))
const simpleEmail = fc
  .tuple(fc.stringMatching(/^[a-z0-9_+-]{1,16}$/), fc.stringMatching(/^[a-z0-9]{1,12}$/), fc.constantFrom('com', 'org', 'example'))
  .map(([local, domain, tld]) => `${local}@${domain}.${tld}`)

const formLabel = fc.string({ unit: conformingUnit, minLength: 1, maxLength: 40 })
/** A form that follows the rules the app checks beyond the document: name and email first, options for selects only, consent required. */
const followingFormRules = fc
  .uniqueArray(
    fc.record(
      {
        key: fc.stringMatching(/^[a-z][a-z0-9_]{0,39}$/).filter((key) => key !== 'name' && key !== 'email'),
        type: fc.constantFrom('text', 'email', 'phone', 'textarea', 'select', 'checkbox', 'consent'),
        label: formLabel,
        placeholder: fc.string({ unit: conformingUnit, maxLength: 40 }),
        required: fc.boolean(),
        options: fc.uniqueArray(formLabel, { minLength: 1, maxLength: 4 }),
      },
      { requiredKeys: ['key', 'type', 'label', 'required', 'options'] },
    ),
    { selector: (field) => field.key, maxLength: 4 },
  )
  .map((extras) => ({
    fields: [
      { key: 'name', type: 'text', label: 'Full name', required: true },
      { key: 'email', type: 'email', label: 'E-mail', required: true },
      ...extras.map(({ options, ...field }) => ({ ...field, required: field.required || field.type === 'consent', ...(field.type === 'select' ? { options } : {}) })),
    ],
  }))

/**
 * Rules the document does not state, or states only in words (its descriptions): a conforming body follows them most
 * of the time, so that some reach past the app's own checks; the rest of the time the field is anything its schema
 * allows (the figures list what the app then refuses).
 */
function ruleHint(field: string | undefined, isFullest = false): fc.Arbitrary<unknown> | undefined {
  switch (field) {
    case 'registrationForm':
      return followingFormRules
    case 'timezone':
      return fc.constantFrom(...timezones)
    case 'startTime':
      return futureDateTime
    case 'registrationDeadline':
      return fc.oneof(fc.constant(null), pastDateTime)
    // A series: a first date ahead (the rule's DTSTART) and a rule that ends, by a count or a date (never both).
    case 'firstDate':
      return fc.integer({ min: 2, max: 400 }).map((days) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10))
    case 'recurrence':
      return fc.record({ frequency: fc.constantFrom('weekly', 'monthly'), interval: fc.integer({ min: 1, max: 4 }), count: fc.integer({ min: 1, max: 12 }) })
    // The organisation's accent must keep white text readable (4.5:1), which a random colour rarely does.
    case 'accentColour':
      return fc.constantFrom('#4f46e5', '#0f766e', '#1d4ed8', '#9f1239', '#000000')
    // Endpoints that receive webhooks: at a dead local port, and for an event these requests rarely cause.
    case 'url':
      return fc.constant(deadWebhookUrl)
    case 'eventTypes':
      return fc.constant(['webinar.ended'])
    case 'hostId':
      return isFullest ? fc.constant(null).map(() => fixture.ownerId) : fc.oneof({ weight: 4, arbitrary: fc.constant(null).map(() => fixture.ownerId) }, { weight: 1, arbitrary: fc.uuid() })
    default:
      return undefined
  }
}

/**
 * Values the schema accepts: the JSON-Schema → fast-check converter. The fullest ones have every optional property,
 * never null, and follow every rule hint: the most a body can carry past the app's checks.
 */
function conforming(given: JsonSchema, field?: string, isFullest = false): fc.Arbitrary<unknown> {
  const schema = understood(given)
  const hint = ruleHint(field, isFullest)
  if (isFullest) return hint ?? conformingOf(schema, true)
  const base = hint ? fc.oneof({ weight: 9, arbitrary: hint }, { weight: 1, arbitrary: conformingOf(schema) }) : conformingOf(schema)
  return schema.nullable ? fc.oneof({ weight: 4, arbitrary: base }, { weight: 1, arbitrary: fc.constant(null) }) : base
}

function conformingOf(schema: JsonSchema, isFullest = false): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const)
  if (schema.enum) return fc.constantFrom(...schema.enum)
  // oneOf is taken as anyOf: the document's unions are of disjoint types.
  const union = schema.anyOf ?? schema.oneOf
  if (union) return fc.oneof(...union.map((member) => conforming(member, undefined, isFullest)))
  if (Array.isArray(schema.type)) return fc.oneof(...schema.type.map((type) => conformingOf({ ...schema, type }, isFullest)))
  switch (schema.type) {
    case 'string':
      return conformingString(schema)
    case 'integer':
    case 'number':
      return conformingNumber(schema)
    case 'boolean':
      return fc.boolean()
    case 'null':
      return fc.constant(null)
    case 'array': {
      const minLength = schema.minItems ?? 0
      return fc.array(conforming(schema.items ?? {}, undefined, isFullest), { minLength, maxLength: Math.min(schema.maxItems ?? minLength + 4, minLength + 4) })
    }
    case 'object':
      return conformingObject(schema, isFullest)
    case undefined:
      return fc.jsonValue({ maxDepth: 2 })
    default:
      throw new Error(`the generator does not know the type ${schema.type}`)
  }
}

function conformingString(schema: JsonSchema): fc.Arbitrary<string> {
  const minLength = schema.minLength ?? 0
  const maxLength = schema.maxLength ?? Math.max(minLength, 60)
  const fits = (text: string) => codePoints(text) >= minLength && codePoints(text) <= maxLength
  switch (schema.format) {
    case 'email':
      return simpleEmail.filter(fits)
    case 'date-time':
      return anyDateTime
    case 'uuid':
      return fc.uuid()
    case 'uri':
      return fc.webUrl().filter(fits)
    case undefined:
      break
    default:
      throw new Error(`the generator does not know the format ${schema.format}`)
  }
  if (schema.pattern) {
    // `^[class]+$` with lengths: strings of that class (matching the regular expression alone rarely reaches 20).
    const characterClass = /^\^\[([^\]]+)\]\+\$$/.exec(schema.pattern)
    if (!characterClass) return fc.stringMatching(new RegExp(schema.pattern)).filter(fits)
    const unit = fc.stringMatching(new RegExp(`^[${characterClass[1]}]$`))
    const shortest = Math.max(minLength, 1)
    return fc.oneof(
      { weight: 4, arbitrary: fc.string({ unit, minLength: shortest, maxLength: Math.min(maxLength, shortest + 60) }) },
      { weight: 1, arbitrary: fc.string({ unit, minLength: maxLength, maxLength }) },
    )
  }
  return fc.oneof(
    { weight: 5, arbitrary: fc.string({ unit: conformingUnit, minLength, maxLength: Math.min(maxLength, minLength + 80) }) },
    // Exactly at the limit, counted in code points (an astral character is one, though two UTF-16 units).
    { weight: 1, arbitrary: conformingUnit.map((character) => character.repeat(maxLength)) },
  )
}

function conformingNumber(schema: JsonSchema): fc.Arbitrary<number> {
  const isInteger = schema.type === 'integer'
  const step = isInteger ? 1 : Number.EPSILON
  const low = schema.minimum ?? (schema.exclusiveMinimum === undefined ? undefined : schema.exclusiveMinimum + step)
  const high = schema.maximum ?? (schema.exclusiveMaximum === undefined ? undefined : schema.exclusiveMaximum - step)
  if (!isInteger) return fc.double({ min: low ?? -1e6, max: high ?? 1e6, noNaN: true, noDefaultInfinity: true })
  const from = low ?? (high === undefined ? -1000 : high - 1000)
  const small = fc.integer({ min: from, max: high ?? from + 1000 })
  return fc.oneof({ weight: 4, arbitrary: small }, { weight: 1, arbitrary: fc.constantFrom(...integerEdges(schema)) })
}

/** An integer schema's bounds; unbounded, values far past what a database column holds (1e21 even prints as 1e+21). */
function integerEdges({ minimum, maximum }: JsonSchema): number[] {
  return [minimum, maximum, ...(maximum === undefined ? [2 ** 31, 2 ** 53 - 1, 1e20, 1e21] : []), ...(minimum === undefined ? [-(2 ** 31) - 1, -(2 ** 53) + 1] : [])].filter(
    (edge): edge is number => edge !== undefined,
  )
}

function conformingObject(schema: JsonSchema, isFullest = false): fc.Arbitrary<Record<string, unknown>> {
  const properties = schema.properties ?? {}
  const model = Object.fromEntries(Object.entries(properties).map(([name, property]) => [name, conforming(property, name, isFullest)]))
  let objects: fc.Arbitrary<Record<string, unknown>> = fc.record(model, { requiredKeys: isFullest ? Object.keys(properties) : (schema.required ?? []) })
  const extra = schema.additionalProperties
  if (typeof extra === 'object') {
    const extraKeys = fc.string({ unit: conformingUnit, minLength: 1, maxLength: 20 }).filter((key) => !(key in properties))
    objects = fc.tuple(objects, fc.dictionary(extraKeys, conforming(extra), { maxKeys: 3 })).map(([declared, more]) => ({ ...more, ...declared }))
  }
  const { minProperties = 0, maxProperties = Number.POSITIVE_INFINITY } = schema
  if (minProperties > 0 || maxProperties < Number.POSITIVE_INFINITY) {
    objects = objects.filter((object) => Object.keys(object).length >= minProperties && Object.keys(object).length <= maxProperties)
  }
  return objects
}

const typeCandidates: Record<string, fc.Arbitrary<unknown>> = {
  string: fc.string({ maxLength: 20 }),
  integer: fc.integer(),
  number: fc.double({ noNaN: true, noDefaultInfinity: true }).filter((value) => !Number.isInteger(value)),
  boolean: fc.boolean(),
  null: fc.constant(null),
  array: fc.array(fc.integer(), { maxLength: 3 }),
  object: fc.dictionary(fc.string({ minLength: 1, maxLength: 5 }), fc.integer(), { maxKeys: 2 }),
}

function typesOf(schema: JsonSchema): Set<string> | undefined {
  const union = schema.anyOf ?? schema.oneOf
  if (union) {
    const members = union.map((member) => typesOf(understood(member)))
    return members.some((types) => types === undefined) ? undefined : new Set(members.flatMap((types) => [...types!]))
  }
  const types = new Set(Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [])
  if (schema.enum) for (const value of schema.enum) types.add(value === null ? 'null' : typeof value)
  if (types.size === 0) return undefined
  if (schema.nullable) types.add('null')
  if (types.has('number')) types.add('integer')
  return types
}

/** The value with each free-text string (no format, pattern, enum or stated rule) made `x<n>` and a lone surrogate. */
function withLoneSurrogates(value: unknown, given: JsonSchema, next: () => number, field?: string): unknown {
  const schema = understood(given)
  const union = schema.anyOf ?? schema.oneOf
  const plain = [schema, ...(union ?? []).map(understood)].find((member) => member.type === 'string' && !member.format && !member.pattern && !member.enum)
  if (typeof value === 'string' && plain && ruleHint(field) === undefined) {
    const text = `x${next()}\ud800`
    return (plain.maxLength ?? text.length) >= text.length && (plain.minLength ?? 0) <= text.length ? text : value
  }
  if (Array.isArray(value) && schema.items) return value.map((item) => withLoneSurrogates(item, schema.items!, next))
  if (value !== null && typeof value === 'object' && schema.properties) {
    const properties = schema.properties
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, properties[key] ? withLoneSurrogates(item, properties[key], next, key) : item]))
  }
  return value
}

/** Values the schema refuses: another type, or past one of its bounds; undefined when it accepts anything. */
function violating(given: JsonSchema): fc.Arbitrary<unknown> | undefined {
  const schema = understood(given)
  const types = typesOf(schema)
  if (!types) return undefined
  const candidates: fc.Arbitrary<unknown>[] = Object.entries(typeCandidates)
    .filter(([type]) => !types.has(type))
    .map(([, arbitrary]) => arbitrary)
  if (schema.enum) candidates.push(fc.string({ maxLength: 12 }).filter((value) => !schema.enum!.includes(value)))
  if (schema.maxLength !== undefined) candidates.push(fc.constant('x'.repeat(schema.maxLength + 1)))
  if (schema.minLength) candidates.push(fc.constant(''))
  if (schema.format) candidates.push(fc.constant(`not a ${schema.format}`))
  if (schema.pattern) candidates.push(fc.constant('!'.repeat(Math.max(schema.minLength ?? 1, 1))))
  if (schema.maximum !== undefined) candidates.push(fc.constant(schema.maximum + 1))
  if (schema.minimum !== undefined) candidates.push(fc.constant(schema.minimum - 1))
  if (schema.minItems) candidates.push(fc.constant([]))
  return candidates.length > 0 ? fc.oneof(...candidates) : undefined
}

type BodyKind = 'none' | 'unexpected' | 'conforming' | 'wrong value' | 'extra field' | 'missing field' | 'not an object'
interface GeneratedBody {
  kind: BodyKind
  value?: unknown
  /** Where the body breaks its schema. */
  at?: string
}

/** Where a value may be replaced inside a body of this schema: its properties, their properties, first array items. */
function positionsOf(given: JsonSchema, path: string[] = [], depth = 0): { path: string[]; schema: JsonSchema }[] {
  const schema = understood(given)
  if (depth > 3) return []
  if (schema.type === 'object' && schema.properties) {
    return Object.entries(schema.properties).flatMap(([name, property]) => [{ path: [...path, name], schema: property }, ...positionsOf(property, [...path, name], depth + 1)])
  }
  if (schema.type === 'array' && schema.items) return [{ path: [...path, '0'], schema: schema.items }, ...positionsOf(schema.items, [...path, '0'], depth + 1)]
  return []
}

function has(value: unknown, path: string[]): boolean {
  let current = value
  for (const key of path) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return false
    current = (current as Record<string, unknown>)[key]
  }
  return true
}

function replacedAt(value: unknown, path: string[], replacement: unknown): unknown {
  const copy = structuredClone(value) as Record<string, unknown>
  let parent = copy
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string, unknown>
  parent[path.at(-1)!] = replacement
  return copy
}

/** Conforming bodies, and bodies broken in one place: a wrong value (nested too), an extra field, a missing field, not an object. */
function generatedBodies(given: JsonSchema): fc.Arbitrary<GeneratedBody> {
  const schema = understood(given)
  const conformingBodies = conforming(schema)
  const variants: fc.WeightedArbitrary<GeneratedBody>[] = [{ weight: 4, arbitrary: conformingBodies.map((value) => ({ kind: 'conforming' as const, value })) }]
  const positions = positionsOf(schema).flatMap((position) => {
    const bad = violating(position.schema)
    return bad ? [{ ...position, bad }] : []
  })
  if (positions.length > 0) {
    variants.push({
      weight: 3,
      arbitrary: fc.tuple(conformingBodies, fc.nat()).chain(([body, pick]) => {
        const present = positions.filter((position) => has(body, position.path.slice(0, -1)))
        const position = present[pick % present.length]!
        return position.bad.map((bad) => ({ kind: 'wrong value' as const, value: replacedAt(body, position.path, bad), at: position.path.join('.') }))
      }),
    })
  }
  if (schema.type === 'object' && schema.additionalProperties === false) {
    const properties = schema.properties ?? {}
    variants.push({
      weight: 1,
      arbitrary: fc
        .tuple(conformingBodies, fc.string({ minLength: 1, maxLength: 12 }).filter((key) => !(key in properties) && key !== '__proto__'), fc.jsonValue({ maxDepth: 1 }))
        .map(([body, key, value]) => ({ kind: 'extra field' as const, value: { ...(body as object), [key]: value }, at: key })),
    })
  }
  if (schema.required && schema.required.length > 0) {
    variants.push({
      weight: 1,
      arbitrary: fc.tuple(conformingBodies, fc.constantFrom(...schema.required)).map(([body, name]) => {
        const { [name]: _missing, ...rest } = body as Record<string, unknown>
        return { kind: 'missing field' as const, value: rest, at: name }
      }),
    })
  }
  if (schema.type === 'object') {
    variants.push({
      weight: 1,
      arbitrary: fc
        .jsonValue({ maxDepth: 2 })
        .filter((value) => value === null || typeof value !== 'object' || Array.isArray(value))
        .map((value) => ({ kind: 'not an object' as const, value })),
    })
  }
  return fc.oneof(...variants)
}

interface Principal {
  name: string
  headers: Record<string, string>
}
const anonymous: Principal = { name: 'anonymous', headers: {} }

interface GeneratedRequest {
  operation: Operation
  sent: Sent
  principal: string
  body: GeneratedBody
  /** Path and query as their schemas say (a conforming body is then judged on its own). */
  isRestConforming: boolean
}

describe('requests generated from the OpenAPI document', () => {
  const tally = new Tally()
  let operations: Operation[] = []
  // Nothing is skipped: the Stream emulator's own routes are hidden from the document (schema.hide) and covered by
  // the authorization matrix; the room's event stream is read over a real connection.
  const skipped: Record<string, string> = {}
  const covered = new Set<string>()
  const agreement = new Map<string, { conformingSent: number; passedValidation: number; refusals: Map<string, number>; acceptedBroken: string[] }>()
  let ownerPrincipal: Principal
  let attendee: Principal
  let logoutPrincipal: Principal
  let passwordPrincipal: Principal
  /** Things destructive operations may use up, so that the fixture the others read stays as it is. */
  const throwaway = {} as {
    userId: string
    apiKeyId: string
    cancelToken: string
    /** A link to erase (erasing uses its registration, and every other one under its address, up). */
    eraseToken: string
    registrationWebinarId: string
    registrationId: string
    /** A registrant of the fixture's webinar for the room's moderation (muting, removing uses them up): never the attendee principal. */
    roomRegistrationId: string
    webinarIds: Record<string, string>
    webhookEndpointId: string
    /** A guest panelist of the fixture's webinar (removing uses them up) and a raised hand there. */
    speakerId: string
    stageRequestId: string
  }
  /** A webhook endpoint that received a registration, and that delivery. */
  const webhook = {} as { endpointId: string; deliveryId: string }

  beforeAll(async () => {
    const response = await testApp.app.inject({ method: 'GET', url: '/docs/json' })
    expect(response.statusCode).toBe(200)
    const document = response.json() as OpenApiDocument
    componentSchemas = document.components?.schemas ?? {}
    operations = operationsOf(document)

    ownerPrincipal = { name: 'owner', headers: fixture.ownerHeaders }
    attendee = { name: 'attendee', headers: { 'x-join-token': fixture.joinToken } }
    // Signing out and changing a password end sessions: a staff member of their own, with one session for each.
    const disposable = { email: `${unique('disposable')}@example.com`, password: 'disposable password 1' }
    await asOwner('POST', '/api/users', { ...disposable, name: 'Dora Disposable', role: 'admin' })
    const signIn = async () => sessionCookieOf(await testApp.app.inject({ method: 'POST', url: '/api/auth/login', payload: disposable }))
    logoutPrincipal = { name: 'disposable admin', headers: { cookie: await signIn(), ...csrfHeaders } }
    passwordPrincipal = { name: 'disposable admin', headers: { cookie: await signIn(), ...csrfHeaders } }

    throwaway.userId = (await asOwner<{ id: string }>('POST', '/api/users', { email: `${unique('leaving')}@example.com`, name: 'Leaving', password: 'leaving password 1', role: 'host' })).id
    throwaway.apiKeyId = (await asOwner<{ apiKey: { id: string } }>('POST', '/api/api-keys', { name: unique('to revoke') })).apiKey.id
    throwaway.cancelToken = await registerPublicly(fixture.webinar.slug)
    throwaway.eraseToken = await registerPublicly(fixture.webinar.slug)
    const registrationWebinar = await createWebinar()
    throwaway.registrationWebinarId = registrationWebinar.id
    throwaway.registrationId = (
      await asOwner<{ registration: { id: string } }>('POST', `/api/webinars/${registrationWebinar.id}/registrations`, { name: 'Thrown Away', email: `${unique('thrown')}@example.com` })
    ).registration.id
    throwaway.roomRegistrationId = (
      await asOwner<{ registration: { id: string } }>('POST', `/api/webinars/${fixture.webinar.id}/registrations`, { name: 'Moderated', email: `${unique('moderated')}@example.com` })
    ).registration.id
    throwaway.speakerId = (
      await asOwner<{ id: string }>('POST', `/api/webinars/${fixture.webinar.id}/speakers`, { kind: 'panelist', name: 'Pia Panelist', email: `${unique('panelist')}@example.com` })
    ).id
    const handRaiser = (
      await asOwner<{ registration: { id: string } }>('POST', `/api/webinars/${fixture.webinar.id}/registrations`, { name: 'Hand Raiser', email: `${unique('hand')}@example.com` })
    ).registration.id
    throwaway.stageRequestId = (
      await testApp.database.pool.query<{ id: string }>('insert into stage_requests (webinar_id, registration_id) values ($1, $2) returning id', [fixture.webinar.id, handRaiser])
    ).rows[0]!.id
    throwaway.webinarIds = {}
    for (const key of ['PATCH /api/webinars/{id}', 'DELETE /api/webinars/{id}', 'POST /api/webinars/{id}/cancel', 'POST /api/webinars/{id}/start', 'POST /api/webinars/{id}/end']) {
      throwaway.webinarIds[key] = (await createWebinar()).id
    }
    const createEndpoint = async (eventTypes: string[]) => (await asOwner<{ endpoint: { id: string } }>('POST', '/api/webhook-endpoints', { url: deadWebhookUrl, eventTypes })).endpoint.id
    webhook.endpointId = await createEndpoint(['registration.created'])
    throwaway.webhookEndpointId = await createEndpoint(['webinar.ended'])
    await registerPublicly(fixture.webinar.slug)
    webhook.deliveryId = (await asOwner<{ items: { id: string }[] }>('GET', `/api/webhook-endpoints/${webhook.endpointId}/deliveries`)).items[0]!.id
  }, 60_000)

  /** Ids of things that exist, for a path parameter; for destructive operations, things made to be used up. */
  function realValues(operation: Operation, name: string): string[] {
    const { path, key } = operation
    switch (name) {
      case 'slug':
        return [fixture.webinar.slug]
      case 'token':
        return [path.endsWith('/cancel') ? throwaway.cancelToken : path.endsWith('/erase') ? throwaway.eraseToken : fixture.joinToken]
      case 'webinarId':
        return [fixture.webinar.id]
      case 'itemId':
        return [path.includes('/chat/') ? fixture.chatId : path.includes('/polls/') ? fixture.pollId : fixture.questionId]
      case 'rid':
        return [throwaway.registrationId]
      case 'registrationId':
        return [throwaway.roomRegistrationId]
      case 'deliveryId':
        return [webhook.deliveryId]
      case 'speakerId':
        return [throwaway.speakerId]
      case 'requestId':
        return [throwaway.stageRequestId]
      case 'id':
        if (path.startsWith('/api/users/')) return [throwaway.userId]
        if (path.startsWith('/api/api-keys/')) return [throwaway.apiKeyId]
        if (path.startsWith('/api/mailbox/')) return [fixture.mailId]
        if (path.startsWith('/api/webhook-endpoints/')) return [key === 'DELETE /api/webhook-endpoints/{id}' ? throwaway.webhookEndpointId : webhook.endpointId]
        if (path.includes('/registrations/{rid}')) return [throwaway.registrationWebinarId]
        return [throwaway.webinarIds[key] ?? fixture.webinar.id]
      default:
        throw new Error(`${key}: no real values known for the path parameter ${name}`)
    }
  }

  function principalsFor(operation: Operation): fc.Arbitrary<Principal> {
    const { path } = operation
    if (path === '/api/auth/logout') return fc.constant(logoutPrincipal)
    if (path === '/api/auth/password') return fc.constant(passwordPrincipal)
    // Signing in or setting up answers with a new session and ends the cookie's one: nobody's cookie is sent.
    if (path === '/api/setup' || path === '/api/auth/login') return fc.constant(anonymous)
    if (path.startsWith('/api/rooms/')) return fc.constantFrom(ownerPrincipal, attendee)
    if (path.startsWith('/api/join/') || path.startsWith('/api/public/') || path.startsWith('/api/stream/')) return fc.constantFrom(anonymous, ownerPrincipal)
    return fc.constant(ownerPrincipal)
  }

  function requestsFor(operation: Operation): fc.Arbitrary<GeneratedRequest> {
    const pathValues = operation.pathParameters.map(({ name, schema }) => {
      const real = realValues(operation, name)
      const bad = violating(schema) ?? hostileText(1, 20)
      return fc.oneof(
        { weight: 2, arbitrary: conforming(schema).map((value) => ({ name, value: asText(value), isConforming: true })) },
        { weight: 3, arbitrary: fc.constantFrom(...real).map((value) => ({ name, value, isConforming: true })) },
        { weight: 1, arbitrary: fc.oneof(bad.map(asText), hostileText(1, 20)).map((value) => ({ name, value, isConforming: false })) },
      )
    })
    const queryValues = operation.queryParameters.map(({ name, schema }) =>
      fc.option(
        fc.oneof(
          { weight: 3, arbitrary: conforming(schema).map((value) => ({ name, value: asText(value), isConforming: true })) },
          {
            weight: 1,
            arbitrary: fc.oneof((violating(schema) ?? hostileText()).map(asText), fc.constantFrom('', 'abc', '1.5', '-1', 'true', '1e999')).map((value) => ({ name, value, isConforming: false })),
          },
        ),
        { nil: undefined },
      ),
    )
    const extraQuery = operation.method === 'GET' ? fc.option(fc.constant({ name: 'unknownParameter', value: '1', isConforming: false }), { freq: 8, nil: undefined }) : fc.constant(undefined)
    const bodies: fc.Arbitrary<GeneratedBody> = operation.body
      ? generatedBodies(operation.body)
      : fc.oneof(
          { weight: 5, arbitrary: fc.constant({ kind: 'none' as const }) },
          { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((value) => ({ kind: 'unexpected' as const, value })) },
        )
    return fc.tuple(fc.tuple(...pathValues), fc.tuple(...queryValues), extraQuery, bodies, principalsFor(operation)).map(([path, query, extra, body, principal]) => {
      const url = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => percentEncode(path.find((parameter) => parameter.name === name)!.value))
      const queryPairs = [...query, extra].filter((pair) => pair !== undefined)
      const queryString = queryPairs.length > 0 ? `?${queryPairs.map(({ name, value }) => `${name}=${percentEncode(value)}`).join('&')}` : ''
      const hasBody = body.kind !== 'none'
      return {
        operation,
        principal: principal.name,
        body,
        isRestConforming: [...path, ...queryPairs].every((pair) => pair.isConforming),
        sent: {
          method: operation.method,
          url: `${url}${queryString}`,
          headers: { ...principal.headers, ...(hasBody ? { 'content-type': 'application/json' } : {}) },
          ...(hasBody ? { payload: JSON.stringify(body.value) } : {}),
          isEventStream: operation.path.endsWith('/events'),
        },
      }
    })
  }

  /** Each integer query parameter at each edge of its schema, on every run (random runs may miss them), with real ids. */
  /**
   * Requests at the edges, on every run (random runs may miss them), with real ids: each integer query parameter at
   * its bounds and far past them when it has none; each string one at its maxLength in 4-byte characters; each path
   * parameter past its maxLength; and a conforming body whose free-text strings each hold a lone surrogate (one code
   * point to the validator).
   */
  function edgeRequests(operation: Operation): Sent[] {
    const path = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => percentEncode(realValues(operation, name)[0]!))
    // The owner, who may do anything the operation does, unless the operation is one kept from the owner's session.
    const principal = ['/api/auth/logout', '/api/auth/password', '/api/setup', '/api/auth/login'].includes(operation.path) ? fc.sample(principalsFor(operation), 1)[0]! : ownerPrincipal
    const base = { method: operation.method, headers: principal.headers, isEventStream: operation.path.endsWith('/events') }
    const queries = operation.queryParameters.flatMap(({ name, schema }) => {
      const resolved = understood(schema)
      if (resolved.type === 'integer') return integerEdges(resolved).map((edge) => `${name}=${asText(edge)}`)
      if (resolved.type === 'string' && resolved.maxLength !== undefined && !resolved.format && !resolved.pattern) return [`${name}=${percentEncode('\u{1f600}'.repeat(resolved.maxLength))}`]
      return []
    })
    const requests: Sent[] = queries.map((query) => ({ ...base, url: `${path}?${query}` }))
    // Each path parameter one character past its maxLength, the others real.
    for (const { name, schema } of operation.pathParameters) {
      const { maxLength } = understood(schema)
      if (maxLength === undefined) continue
      const url = operation.path.replace(/\{(\w+)\}/g, (_, other: string) => (other === name ? 'x'.repeat(maxLength + 1) : percentEncode(realValues(operation, other)[0]!)))
      requests.push({ ...base, url })
    }
    if (operation.body) {
      // The fullest body, so that optional fields (a registration form, say) are in it.
      const [fullest] = fc.sample(conforming(operation.body, undefined, true), { numRuns: 1, seed })
      let counter = 0
      const payload = JSON.stringify(withLoneSurrogates(fullest, operation.body, () => ++counter))
      requests.push({ ...base, url: path, headers: { ...base.headers, 'content-type': 'application/json' }, payload })
    }
    return requests
  }

  /** The refused fields of a validation_failed answer, or undefined when it was not one. */
  function validationRefusal(answer: Answer): Record<string, string> | undefined {
    if (answer.status !== 400) return undefined
    const { error } = JSON.parse(answer.body) as { error: { code: string; message: string; fields?: Record<string, string> } }
    return error.code === 'validation_failed' ? (error.fields ?? { '(body)': error.message }) : undefined
  }

  it(
    'never answers 5xx, and refuses in the error shape, whatever the document allows or forbids',
    async () => {
      expect(operations.length).toBeGreaterThan(40)
      for (const operation of operations) {
        if (operation.key in skipped) continue
        const stats = { conformingSent: 0, passedValidation: 0, refusals: new Map<string, number>(), acceptedBroken: [] as string[] }
        agreement.set(operation.key, stats)
        const numRuns = operation.path.endsWith('/events') ? 12 : operation.body ? 40 : 20
        for (const request of edgeRequests(operation)) await send(testApp, tally, operation.key, request)
        await fc.assert(
          fc.asyncProperty(requestsFor(operation), async (generated) => {
            const answer = await send(testApp, tally, operation.key, generated.sent)
            if (!generated.isRestConforming) return
            // A 5xx is no validation refusal (it is a problem of its own, kept by the tally).
            const refusal = answer.status >= 500 ? undefined : validationRefusal(answer)
            if (generated.body.kind === 'conforming') {
              stats.conformingSent++
              if (!refusal) stats.passedValidation++
              for (const [field, message] of Object.entries(refusal ?? {})) {
                // Generated keys and array positions vary: `answers.<key>`, `fields.*` keep the figures readable.
                const refused = `${field.replace(/\.\d+(?=\.|$)/g, '.*').replace(/^answers\..*/, 'answers.<key>')} ${message}`
                stats.refusals.set(refused, (stats.refusals.get(refused) ?? 0) + 1)
              }
            } else if (operation.body && answer.status < 300) {
              stats.acceptedBroken.push(`${generated.body.kind} at ${generated.body.at ?? '(body)'} as ${generated.principal}: ${describeRequest(generated.sent)} → ${answer.status}`)
            }
          }),
          { numRuns, seed },
        )
        covered.add(operation.key)
      }
      expect(tally.problemsOf()).toEqual([])
    },
    240_000,
  )

  it('covers every operation of the document but the ones skipped (with their reasons)', () => {
    expect(covered.size).toBe(operations.length - Object.keys(skipped).length)
    expect(operations.filter((operation) => !covered.has(operation.key) && !(operation.key in skipped)).map((operation) => operation.key)).toEqual([])
  })

  it('refuses every body the document says is broken', () => {
    const accepted = [...agreement.entries()].flatMap(([key, stats]) => stats.acceptedBroken.slice(0, 3).map((line) => `${key}: ${line}`))
    expect(accepted).toEqual([])
  })

  // Operations whose conforming bodies are all refused with validation_failed, and why that is no disagreement.
  const refusedByDesign: Record<string, string> = {
    'POST /api/auth/password': 'the current password is checked as a field of the body, and a generated one is never right',
  }

  it('lets conforming bodies through its validation: the document and the app agree', () => {
    const withBodies = operations.filter((operation) => operation.body && !(operation.key in refusedByDesign))
    expect(withBodies.length).toBeGreaterThan(15)
    const neverPassed = withBodies
      .map((operation) => ({ key: operation.key, stats: agreement.get(operation.key)! }))
      .filter(({ stats }) => stats.passedValidation === 0)
      .map(({ key, stats }) => `${key}: ${stats.conformingSent} conforming bodies, all refused: ${[...stats.refusals.keys()].slice(0, 3).join('; ')}`)
    expect(neverPassed).toEqual([])
    expect(agreement.get('POST /api/webinars')!.passedValidation).toBeGreaterThan(0)
    expect(agreement.get('POST /api/auth/password')!.refusals.size).toBe(1)
  })

  it('left Object.prototype alone', () => {
    expectPrototypeUntouched()
  })

  afterAll(() => {
    const refused = [...agreement.entries()]
      .filter(([, stats]) => stats.refusals.size > 0)
      .map(([key, stats]) => `${key} (${stats.conformingSent - stats.passedValidation}/${stats.conformingSent}: ${[...stats.refusals.entries()].map(([field, count]) => `${field} ×${count}`).join('; ')})`)
    console.log(
      `OpenAPI-generated input: ${covered.size} of ${operations.length} operations, ${tally.requests} requests, statuses ${tally.histogram()} (seed ${seed})` +
        `\n  conforming bodies refused by rules the document does not state: ${refused.length === 0 ? 'none' : `\n    ${refused.join('\n    ')}`}` +
        (backgroundFailures.length > 0 ? `\n  failures logged outside requests (jobs): ${backgroundFailures.length}, first: ${backgroundFailures[0]!.split('\n')[0]}` : ''),
    )
  })
})

// ---------------------------------------------------------------------------------------------------------------
// 3. The Stream webhook endpoint
// ---------------------------------------------------------------------------------------------------------------

describe('the Stream webhook endpoint', () => {
  // An app of its own: the other parts leave jobs behind (calls being synced with Stream) whose webhooks would
  // change the count of stored events while a delivery here is meant to change nothing.
  let webhookApp: TestApp
  let ownerCookie: string
  const tally = new Tally()
  const route = 'POST /api/stream/webhooks'
  /** Stays scheduled through every refused delivery: a wrongly accepted `call.live_started` would make it live. */
  let scheduled: { id: string; streamCallCid: string }

  const sign = (body: Buffer | string, secret = streamTestKeys.apiSecret) => createHmac('sha256', secret).update(body).digest('hex')
  /** A genuine event for a webinar; the nonce makes each one new (events are also de-duplicated on their content). */
  const liveStarted = (streamCallCid: string, extra: object = {}) =>
    JSON.stringify({ type: 'call.live_started', call_cid: streamCallCid, created_at: new Date().toISOString(), nonce: randomUUID(), ...extra })

  async function createWebinar(title: string) {
    const response = await webhookApp.app.inject({
      method: 'POST',
      url: '/api/webinars',
      headers: { cookie: ownerCookie, ...csrfHeaders },
      payload: { title, startTime: new Date(Date.now() + 86_400_000).toISOString(), timezone: 'UTC', durationMinutes: 30 },
    })
    expect(response.statusCode, response.body).toBe(201)
    return response.json() as { id: string; streamCallCid: string }
  }

  async function snapshot(webinarId: string) {
    await webhookApp.emulator.whenWebhooksDelivered()
    const { pool } = webhookApp.database
    const events = await pool.query<{ count: number }>('select count(*)::int as count from stream_webhook_events')
    const webinar = await pool.query('select status, live_started_at, ended_at, hls_playlist_url, updated_at from webinars where id = $1', [webinarId])
    return { events: events.rows[0]!.count, webinar: webinar.rows[0] as Record<string, unknown> }
  }

  function deliver(label: string, payload: Buffer | string | undefined, headers: Record<string, string>): Promise<Answer> {
    const request: Sent = { method: 'POST', url: '/api/stream/webhooks', headers: { 'content-type': 'application/json', ...headers }, ...(payload === undefined ? {} : { payload }) }
    return send(webhookApp, tally, `${route} (${label})`, request)
  }

  /** Refused with one of `statuses`, and nothing stored or changed. */
  async function expectRefused(label: string, what: string, payload: Buffer | string | undefined, headers: Record<string, string>, statuses: number[]) {
    const before = await snapshot(scheduled.id)
    const answer = await deliver(label, payload, headers)
    // Soft: every delivery of a test is tried and reported, not only up to the first that fails.
    expect.soft(statuses, `${what}: ${answer.status} ${answer.body.slice(0, 200)}`).toContain(answer.status)
    expect.soft(await snapshot(scheduled.id), `${what} changed something`).toEqual(before)
  }

  beforeAll(async () => {
    webhookApp = await createTestApp({ env, logger: failureLogger })
    ownerCookie = await setUpOwner(webhookApp.app)
    scheduled = await createWebinar('Stays scheduled')
    // Until its call is in step with Stream, the emulator may still send webhooks of its own about it.
    await waitFor(async () => {
      const { rows } = await webhookApp.database.pool.query<{ provisioning: string }>('select provisioning from webinars where id = $1', [scheduled.id])
      return rows[0]?.provisioning === 'ready' ? true : undefined
    })
  }, 60_000)
  afterAll(async () => {
    console.log(`stream webhooks: ${tally.requests} deliveries, statuses ${tally.histogram()} (seed ${seed})`)
    await webhookApp?.close()
  })

  it('refuses a forged signature with 401, however it is forged', async () => {
    const forgeries = fc.oneof(
      fc.stringMatching(/^[0-9a-f]{64}$/).map((signature) => ({ kind: 'random hex', forge: () => signature })),
      fc.tuple(fc.nat({ max: 63 }), fc.nat({ max: 14 })).map(([at, shift]) => ({
        kind: 'right length, one character wrong',
        forge: (right: string) => `${right.slice(0, at)}${'0123456789abcdef'.replace(right[at]!, '')[shift]}${right.slice(at + 1)}`,
      })),
      fc.jsonValue().map((other) => ({ kind: 'the signature of another body', forge: () => sign(JSON.stringify(other)) })),
      fc.constantFrom(
        { kind: 'empty', forge: () => '' },
        { kind: 'upper case', forge: (right: string) => right.toUpperCase() },
        { kind: 'prefixed', forge: (right: string) => `sha256=${right}` },
        { kind: 'one character more', forge: (right: string) => `${right}0` },
        { kind: 'one character less', forge: (right: string) => right.slice(1) },
        { kind: 'base64', forge: (right: string) => Buffer.from(right, 'hex').toString('base64') },
        { kind: 'signed with the API key', forge: (_right: string, body: string) => sign(body, streamTestKeys.apiKey) },
      ),
      fc.string({ unit: 'grapheme-ascii', maxLength: 200 }).map((signature) => ({ kind: 'printable text', forge: () => signature })),
    )
    await fc.assert(
      fc.asyncProperty(forgeries, fc.boolean(), async ({ kind, forge }, withoutHeader) => {
        const body = liveStarted(scheduled.streamCallCid)
        const signature = forge(sign(body), body)
        const headers: Record<string, string> = withoutHeader && kind === 'empty' ? {} : { 'x-signature': signature }
        await expectRefused('forged', kind, body, { ...headers, 'x-webhook-id': randomUUID() }, [401])
      }),
      { numRuns: 60, seed },
    )
    expect(tally.problemsOf(`${route} (forged)`)).toEqual([])
  }, 60_000)

  it('refuses a truncated body, signed over the whole of it or over what arrived', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.boolean(), async (cut, isSignedOverTruncation) => {
        const body = Buffer.from(liveStarted(scheduled.streamCallCid))
        const truncated = body.subarray(0, 1 + (cut % (body.length - 1)))
        const signature = sign(isSignedOverTruncation ? truncated : body)
        // Signed over what arrived, the signature holds and the JSON does not: a 400 would say so, 401 is what it says.
        await expectRefused('truncated', `cut at ${truncated.length}`, truncated, { 'x-signature': signature, 'x-webhook-id': randomUUID() }, isSignedOverTruncation ? [400, 401] : [401])
      }),
      { numRuns: 30, seed },
    )
    expect(tally.problemsOf(`${route} (truncated)`)).toEqual([])
  }, 60_000)

  it('refuses a body over the body limit with 413, signed or not', async () => {
    const limit = webhookApp.config.bodyLimitBytes
    for (const extra of [1, 1000, limit]) {
      const body = liveStarted(scheduled.streamCallCid, { padding: 'x'.repeat(limit + extra) })
      await expectRefused('oversized', `${body.length} bytes, signed`, body, { 'x-signature': sign(body), 'x-webhook-id': randomUUID() }, [413])
      await expectRefused('oversized', `${body.length} bytes, unsigned`, body, { 'x-webhook-id': randomUUID() }, [413])
    }
    expect(tally.problemsOf(`${route} (oversized)`)).toEqual([])
  })

  it('refuses invalid gzip, and a gzip bomb, with content-encoding: gzip', async () => {
    const gzipped = { 'content-encoding': 'gzip' }
    const json = liveStarted(scheduled.streamCallCid)
    const compressed = gzipSync(json)
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 500 }), async (junk) => {
        const body = Buffer.concat([Buffer.from([0x1f, 0x8b]), Buffer.from(junk)])
        await expectRefused('gzip', 'gzip magic and junk, signed over the bytes', body, { ...gzipped, 'x-signature': sign(body), 'x-webhook-id': randomUUID() }, [400, 401])
      }),
      { numRuns: 20, seed },
    )
    const truncated = compressed.subarray(0, compressed.length - 9)
    await expectRefused('gzip', 'truncated gzip of a genuine event', truncated, { ...gzipped, 'x-signature': sign(json), 'x-webhook-id': randomUUID() }, [400, 401])
    await expectRefused('gzip', 'gzip of gzip of a genuine event', gzipSync(compressed), { ...gzipped, 'x-signature': sign(json), 'x-webhook-id': randomUUID() }, [400, 401])
    await expectRefused('gzip', 'plain JSON said to be gzip, unsigned', json, { ...gzipped, 'x-signature': sign('other'), 'x-webhook-id': randomUUID() }, [401])
    // The largest bomb that fits the body limit (about 1000:1): inflated before any signature is checked.
    const inflated = 60 * 1024 * 1024
    const bomb = gzipSync(Buffer.alloc(inflated, 0x20), { level: 9 })
    expect(bomb.length).toBeLessThan(webhookApp.config.bodyLimitBytes)
    const startedAt = performance.now()
    await expectRefused('gzip', `a ${bomb.length}-byte gzip bomb of ${inflated} bytes`, bomb, { ...gzipped, 'x-signature': sign('forged'), 'x-webhook-id': randomUUID() }, [400, 401, 413])
    console.log(`stream webhooks: a ${Math.round(bomb.length / 1024)} KiB gzip bomb (${inflated / 1024 / 1024} MiB inflated) was refused in ${Math.round(performance.now() - startedAt)} ms`)
    expect(tally.problemsOf(`${route} (gzip)`)).toEqual([])
  }, 60_000)

  it('refuses valid JSON that is not an event object, signed or not, and stores nothing', async () => {
    for (const body of ['[]', '"x"', 'null', '42', 'true', '[{"type":"call.live_started"}]']) {
      await expectRefused('not an object', `${body}, unsigned`, body, { 'x-signature': sign(`${body} `), 'x-webhook-id': randomUUID() }, [401])
      await expectRefused('not an object', `${body}, signed`, body, { 'x-signature': sign(body), 'x-webhook-id': randomUUID() }, [400])
    }
    expect(tally.problemsOf(`${route} (not an object)`)).toEqual([])
  })

  it('applies a genuine event once: replays under a new id, the same id or no id change nothing', async () => {
    const replayed = await createWebinar('Replayed')
    const body = liveStarted(replayed.streamCallCid)
    const webhookId = randomUUID()
    const before = await snapshot(replayed.id)
    const first = await deliver('replay', body, { 'x-signature': sign(body), 'x-webhook-id': webhookId })
    expect(first.body).toBe('{"status":"processed"}')
    const afterFirst = await snapshot(replayed.id)
    expect(afterFirst.events).toBe(before.events + 1)
    expect(afterFirst.webinar.status).toBe('live')

    const otherBody = liveStarted(replayed.streamCallCid)
    const replays: [string, Buffer | string, Record<string, string>][] = [
      ['the same body under a new id', body, { 'x-signature': sign(body), 'x-webhook-id': randomUUID() }],
      ['the same body under the same id', body, { 'x-signature': sign(body), 'x-webhook-id': webhookId }],
      ['another signed body under the same id', otherBody, { 'x-signature': sign(otherBody), 'x-webhook-id': webhookId, 'x-webhook-attempt': '2' }],
      ['the same body without an id', body, { 'x-signature': sign(body) }],
      ['the same body gzipped under a new id', gzipSync(body), { 'x-signature': sign(body), 'x-webhook-id': randomUUID(), 'content-encoding': 'gzip' }],
    ]
    for (const [what, payload, headers] of replays) {
      const answer = await deliver('replay', payload, headers)
      expect(answer.body, what).toBe('{"status":"duplicate"}')
      expect(await snapshot(replayed.id), `${what} changed something`).toEqual(afterFirst)
    }
    expect(tally.problemsOf(`${route} (replay)`)).toEqual([])
  })

  it('answers signed events with odd content below 500, in the error shape when it refuses them', async () => {
    const odd = await createWebinar('Odd events')
    const now = new Date().toISOString()
    const events: unknown[] = [
      { type: 'call.live_started\u0000', call_cid: odd.streamCallCid, created_at: now },
      { type: 'call.session_started', call_cid: `${odd.streamCallCid}\u0000`, created_at: now },
      { type: 'call.session_participant_joined', call_cid: odd.streamCallCid, created_at: now, participant: { user: { name: 'Nul\u0000' } } },
      { type: 'call.session_participant_joined', call_cid: odd.streamCallCid, created_at: now, participant: { user: { name: 'Lone \ud800' } } },
      { type: 'call.hls_broadcasting_started', call_cid: odd.streamCallCid, created_at: now, hls_playlist_url: 'https://hls.example.com/\ud800.m3u8' },
      { type: 'call.live_started', call_cid: odd.streamCallCid, created_at: 'not a date' },
      { type: 'call.ended', call_cid: odd.streamCallCid, created_at: '+275760-09-13T00:00:00.001Z' },
      { type: 42, call_cid: { $ne: null }, created_at: 17 },
      { type: 'call.ended', call_cid: [odd.streamCallCid], created_at: null },
      {},
    ]
    for (const event of events) {
      const body = JSON.stringify(event)
      await deliver('odd', body, { 'x-signature': sign(body), 'x-webhook-id': randomUUID() })
    }
    const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`
    await deliver('odd', deep, { 'x-signature': sign(deep), 'x-webhook-id': randomUUID() })
    expect(tally.problemsOf(`${route} (odd)`)).toEqual([])
  })
})
