import type { InjectOptions, LightMyRequestResponse } from 'fastify'
import jwt from 'jsonwebtoken'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { FaultSettings } from '../src/stream-emulator/fault-injector.ts'
import { createTestApp, csrfHeaders, setUpOwner, streamTestKeys, testConfig, type TestApp } from './support/test-app.ts'
import { joinTokenMailedTo } from './support/mail.ts'
import { waitFor } from './support/wait-for.ts'

// Stream misbehaving on each thing the app asks of it: for every operation, every kind of fault, aimed at the one
// Stream request that matters (the emulator's `only`). Each case checks the answer (what and how fast), the state
// while Stream is still misbehaving (no half-started webinar, no call without its webinar) and the state once
// Stream is back (the jobs, or the host pressing again, bring everything in step).

let testApp: TestApp
let ownerCookie: string
/** STREAM_TIMEOUT_MS of the tests (1 s): the app stops waiting for Stream after this. */
const timeoutMs = testConfig().stream.timeoutMs
/** The longest an answer may take while Stream misbehaves: two Stream requests in a row, each cut at the timeout. */
const answerBoundMs = 2 * timeoutMs + 1500

const tally = { injected: 0, survived: 0, operations: new Set<string>() }

beforeAll(async () => {
  testApp = await createTestApp()
  ownerCookie = await setUpOwner(testApp.app)
  // Once per process the app sets up the call type and roles: done here, so that each case meets only its own requests.
  await createWebinar()
})
afterEach(() => {
  testApp.emulator.clearFaults()
  hearWebhooks()
})
afterAll(async () => {
  console.log(`stream faults: ${tally.injected} injected over ${tally.operations.size} operations, ${tally.survived} survived`)
  await testApp.close()
})

const as = () => ({ cookie: ownerCookie, ...csrfHeaders })
const hearWebhooks = () => testApp.emulator.setWebhookUrl(`${testApp.url}/api/stream/webhooks`)
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

interface WebinarView {
  id: string
  slug: string
  title: string
  status: string
  provisioning: string
  provisioningError: string | null
  streamCallType: string
  streamCallId: string
  hlsPlaylistUrl: string | null
  isCaptioning: boolean
}

let webinarCount = 0
async function createWebinar(settings: Record<string, unknown> = {}): Promise<WebinarView> {
  const response = await testApp.app.inject({
    method: 'POST',
    url: '/api/webinars',
    headers: as(),
    payload: {
      title: `Fault-tolerant webinar ${++webinarCount}`,
      startTime: new Date(Date.now() + 7 * 24 * 3600_000).toISOString(),
      timezone: 'Europe/Paris',
      durationMinutes: 60,
      settings,
    },
  })
  expect(response.statusCode, response.body).toBe(201)
  expect(response.json().provisioning).toBe('ready')
  return response.json()
}

async function webinarNow(id: string): Promise<WebinarView> {
  const response = await testApp.app.inject({ method: 'GET', url: `/api/webinars/${id}`, headers: as() })
  expect(response.statusCode, response.body).toBe(200)
  return response.json()
}

const callOf = (webinar: WebinarView) => testApp.emulator.getCall(webinar.streamCallType, webinar.streamCallId)

async function start(webinar: WebinarView) {
  const response = await testApp.app.inject({ method: 'POST', url: `/api/webinars/${webinar.id}/start`, headers: as() })
  expect(response.statusCode, response.body).toBe(200)
}

/** A live webinar broadcasting over HLS and recording: what a failed end must not leave running. */
async function liveWebinar(settings: Record<string, unknown> = {}): Promise<WebinarView> {
  const webinar = await createWebinar({ viewerMode: 'hls', record: true, ...settings })
  await start(webinar)
  return webinarNow(webinar.id)
}

/** Registers someone and returns their join token, read from the confirmation mail as they would. */
async function registerAndGetToken(slug: string, email: string): Promise<string> {
  const response = await testApp.app.inject({ method: 'POST', url: `/api/public/webinars/${slug}/registrations`, payload: { name: 'Vera Viewer', email } })
  expect(response.statusCode, response.body).toBe(201)
  return joinTokenMailedTo(testApp, email, ['confirmation', 'pending'])
}

async function untilReady(id: string): Promise<WebinarView> {
  return waitFor(async () => {
    const webinar = await webinarNow(id)
    return webinar.provisioning === 'ready' ? webinar : undefined
  }, 20_000)
}

/**
 * The webinar and its call agree: a scheduled webinar's call (once ready) exists in backstage with nothing going out;
 * a live one's is live; an ended or cancelled one's has ended (or never was); a deleted one has none. While Stream is
 * still down, what the jobs have yet to do (`provisioning: pending`, a deleted webinar's call) may lag; nothing else.
 */
async function expectInStep(webinarId: string, { isStreamBack }: { isStreamBack: boolean }): Promise<void> {
  const { rows } = await testApp.database.pool.query<{ status: string; provisioning: string; stream_call_type: string; stream_call_id: string; deleted_at: Date | null }>(
    `select status, provisioning, stream_call_type, stream_call_id, deleted_at from webinars where id = $1`,
    [webinarId],
  )
  const row = rows[0]
  const call = row ? testApp.emulator.getCall(row.stream_call_type, row.stream_call_id) : undefined
  if (!row || row.deleted_at) {
    if (isStreamBack) expect(call, 'a deleted webinar keeps no call').toBeUndefined()
    else if (call) expect(call.live, 'a deleted webinar’s call waiting to be deleted is not live').toBe(false)
    return
  }
  const where = `webinar ${row.status} (${row.provisioning})`
  if (isStreamBack) expect(row.provisioning, `${where}: the call is in step once Stream is back`).toBe('ready')
  const isCatchingUp = row.provisioning !== 'ready'
  if (row.status === 'ended' || row.status === 'cancelled') {
    if (call && !isCatchingUp) expect(call.ended, `${where}: its call has ended`).toBe(true)
    return
  }
  if (!isCatchingUp) expect(call, `${where}: ready means the call exists`).toBeDefined()
  if (!call) return
  expect(call.ended, `${where}: its call has not ended`).toBe(false)
  expect(call.live, `${where}: live here exactly when live at Stream`).toBe(row.status === 'live')
  if (row.status !== 'live') {
    expect(call.recording, `${where}: nothing recorded before the start`).toBe(false)
    expect(call.hlsPlaylistUrl, `${where}: nothing broadcast before the start`).toBeNull()
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Faults

interface FaultKind {
  name: string
  settings: FaultSettings
  /** What the app says about it (its message names Stream's answer, or its silence). */
  message: RegExp
  /** Stream does the work after the app stopped waiting: it lands a moment after the answer. */
  landsLate: boolean
}

const faultKinds: FaultKind[] = [
  { name: 'HTTP 500', settings: { failNext: 1000, status: 500 }, message: /Stream refused to .*\(HTTP 500\)/, landsLate: false },
  { name: 'HTTP 503', settings: { failNext: 1000, status: 503 }, message: /Stream refused to .*\(HTTP 503\)/, landsLate: false },
  { name: 'HTTP 429', settings: { failNext: 1000, status: 429 }, message: /Stream refused to .*\(HTTP 429\)/, landsLate: false },
  { name: 'a timeout', settings: { delayMs: timeoutMs + 500 }, message: /Stream did not answer/, landsLate: true },
  { name: 'a hang', settings: { hang: true }, message: /Stream did not answer/, landsLate: false },
]

/** Sends a request to the app, timing it. */
async function timed(request: InjectOptions): Promise<{ response: LightMyRequestResponse; ms: number }> {
  const startedAt = Date.now()
  const response = await testApp.app.inject(request)
  return { response, ms: Date.now() - startedAt }
}

function expectUpstreamFailure(response: LightMyRequestResponse, message: RegExp) {
  expect(response.statusCode, response.body).toBe(502)
  expect(response.json().error.code).toBe('upstream_failed')
  expect(response.json().error.message).toMatch(message)
}

/** One operation of the app that asks something of Stream, and what must hold when Stream misbehaves meanwhile. */
interface FaultedOperation<Context> {
  operation: string
  /** The Stream request the faults aim at (operationId); null: every request to Stream. */
  only: string | null
  arrange: () => Promise<Context>
  act: (context: Context) => InjectOptions
  /** The answer, and the state while Stream is still misbehaving (Stream's late work has not landed yet). */
  whileDown: (context: Context, response: LightMyRequestResponse, kind: FaultKind) => Promise<void>
  /** Once Stream answers again: the jobs, or the host trying again, bring everything in step. */
  onceBack: (context: Context, kind: FaultKind) => Promise<void>
}

const operation = <Context>(definition: FaultedOperation<Context>) => definition as FaultedOperation<unknown>

/** A join token of a live webinar's attendee, their room open. */
interface AttendeeContext {
  webinar: WebinarView
  token: string
}

let attendeeCount = 0

const faultedOperations: FaultedOperation<unknown>[] = [
  operation<undefined>({
    operation: 'create',
    only: 'GetOrCreateCall',
    arrange: async () => undefined,
    act: () => ({
      method: 'POST',
      url: '/api/webinars',
      headers: as(),
      payload: { title: `Created while Stream misbehaves ${++webinarCount}`, startTime: new Date(Date.now() + 86_400_000).toISOString(), timezone: 'UTC', durationMinutes: 30 },
    }),
    whileDown: async (_context, response, kind) => {
      expect(response.statusCode, response.body).toBe(201)
      const webinar = response.json() as WebinarView
      expect(webinar).toMatchObject({ status: 'scheduled', provisioning: 'pending' })
      expect(webinar.provisioningError).toMatch(kind.message)
      if (!kind.landsLate) expect(callOf(webinar)).toBeUndefined()
    },
    onceBack: async () => {},
  }),
  operation<WebinarView>({
    operation: 'edit',
    only: 'UpdateCall',
    arrange: () => createWebinar(),
    act: (webinar) => ({ method: 'PATCH', url: `/api/webinars/${webinar.id}`, headers: as(), payload: { title: `${webinar.title}, renamed` } }),
    whileDown: async (webinar, response, kind) => {
      expect(response.statusCode, response.body).toBe(200)
      expect(response.json()).toMatchObject({ title: `${webinar.title}, renamed`, provisioning: 'pending' })
      expect(response.json().provisioningError).toMatch(kind.message)
      if (!kind.landsLate) expect(callOf(webinar)!.custom).toMatchObject({ title: webinar.title })
    },
    onceBack: async (webinar) => {
      await untilReady(webinar.id)
      expect(callOf(webinar)!.custom).toMatchObject({ webinarId: webinar.id, title: `${webinar.title}, renamed` })
    },
  }),
  operation<WebinarView>({
    operation: 'start',
    only: 'GoLive',
    arrange: () => createWebinar({ viewerMode: 'hls', record: true, captions: true }),
    act: (webinar) => ({ method: 'POST', url: `/api/webinars/${webinar.id}/start`, headers: as() }),
    whileDown: async (webinar, response, kind) => {
      expectUpstreamFailure(response, kind.message)
      expect(response.json().error.message).toMatch(/The webinar has not started\.$/)
      // Not half-started: still scheduled here, and at Stream still in backstage with nothing going out.
      expect((await webinarNow(webinar.id)).status).toBe('scheduled')
      const call = callOf(webinar)!
      expect(call).toMatchObject({ live: false, backstage: true, recording: false, captioning: false, hlsPlaylistUrl: null })
    },
    onceBack: async (webinar, kind) => {
      if (kind.landsLate) {
        // Stream took the call live after the app gave up: its call.live_started webhook moves the webinar.
        await waitFor(async () => ((await webinarNow(webinar.id)).status === 'live' ? true : undefined))
      } else {
        // Nothing happened at Stream: the host presses start again (there is no job that starts webinars).
        await start(webinar)
      }
      const live = await webinarNow(webinar.id)
      expect(live.status).toBe('live')
      expect(callOf(webinar)).toMatchObject({ live: true, recording: true, captioning: true })
      await waitFor(async () => ((await webinarNow(webinar.id)).hlsPlaylistUrl ? true : undefined))
    },
  }),
  operation<WebinarView>({
    operation: 'end',
    only: 'EndCall',
    arrange: () => liveWebinar(),
    act: (webinar) => ({ method: 'POST', url: `/api/webinars/${webinar.id}/end`, headers: as() }),
    whileDown: async (webinar, response, kind) => {
      // The host's word is final: ended here whatever Stream says.
      expect(response.statusCode, response.body).toBe(200)
      expect(response.json()).toMatchObject({ status: 'ended', isCaptioning: false })
      const call = callOf(webinar)!
      // Stopping the broadcast went through: nothing goes out while the call waits to be ended.
      expect(call).toMatchObject({ live: false, recording: false, hlsPlaylistUrl: null })
      if (!kind.landsLate) expect(call.ended).toBe(false)
    },
    onceBack: async (webinar) => {
      await waitFor(async () => (callOf(webinar)!.ended ? true : undefined), 20_000)
      await untilReady(webinar.id)
    },
  }),
  operation<WebinarView>({
    operation: 'end',
    only: null,
    arrange: () => liveWebinar(),
    act: (webinar) => ({ method: 'POST', url: `/api/webinars/${webinar.id}/end`, headers: as() }),
    whileDown: async (webinar, response, kind) => {
      expect(response.statusCode, response.body).toBe(200)
      expect(response.json().status).toBe('ended')
      if (!kind.landsLate) expect(callOf(webinar)!.ended).toBe(false)
    },
    onceBack: async (webinar) => {
      await waitFor(async () => (callOf(webinar)!.ended ? true : undefined), 20_000)
      expect(callOf(webinar)).toMatchObject({ live: false, recording: false, hlsPlaylistUrl: null })
      await untilReady(webinar.id)
    },
  }),
  operation<WebinarView>({
    operation: 'cancel',
    only: 'EndCall',
    arrange: () => createWebinar(),
    act: (webinar) => ({ method: 'POST', url: `/api/webinars/${webinar.id}/cancel`, headers: as() }),
    whileDown: async (webinar, response, kind) => {
      expect(response.statusCode, response.body).toBe(200)
      expect(response.json()).toMatchObject({ status: 'cancelled', provisioning: 'pending' })
      if (!kind.landsLate) expect(callOf(webinar)!.ended).toBe(false)
    },
    onceBack: async (webinar) => {
      await untilReady(webinar.id)
      expect(callOf(webinar)!.ended).toBe(true)
    },
  }),
  operation<WebinarView>({
    operation: 'delete',
    only: 'DeleteCall',
    arrange: () => createWebinar(),
    act: (webinar) => ({ method: 'DELETE', url: `/api/webinars/${webinar.id}`, headers: as(), payload: { records: 'keep' } }),
    whileDown: async (webinar, response, kind) => {
      expect(response.statusCode, response.body).toBe(204)
      expect((await testApp.app.inject({ method: 'GET', url: `/api/webinars/${webinar.id}`, headers: as() })).statusCode).toBe(404)
      if (!kind.landsLate) expect(callOf(webinar)).toBeDefined()
    },
    onceBack: async (webinar) => {
      await waitFor(async () => (callOf(webinar) ? undefined : true), 20_000)
    },
  }),
  operation<WebinarView>({
    operation: 'captions',
    only: 'StartClosedCaptions',
    arrange: () => liveWebinar(),
    act: (webinar) => ({ method: 'POST', url: `/api/webinars/${webinar.id}/captions`, headers: as(), payload: { isOn: true } }),
    whileDown: async (webinar, response, kind) => {
      expectUpstreamFailure(response, kind.message)
      expect((await webinarNow(webinar.id)).isCaptioning).toBe(false)
      if (!kind.landsLate) expect(callOf(webinar)!.captioning).toBe(false)
    },
    onceBack: async (webinar) => {
      // The host turns them on again.
      const again = await testApp.app.inject({ method: 'POST', url: `/api/webinars/${webinar.id}/captions`, headers: as(), payload: { isOn: true } })
      expect(again.statusCode, again.body).toBe(200)
      expect(again.json().isCaptioning).toBe(true)
      expect(callOf(webinar)!.captioning).toBe(true)
    },
  }),
  operation<WebinarView>({
    operation: 'RTMP ingress',
    only: 'GetCall',
    arrange: () => createWebinar(),
    act: (webinar) => ({ method: 'POST', url: `/api/webinars/${webinar.id}/rtmp-ingress`, headers: as() }),
    whileDown: async (_webinar, response, kind) => {
      expectUpstreamFailure(response, kind.message)
    },
    onceBack: async (webinar) => {
      const again = await testApp.app.inject({ method: 'POST', url: `/api/webinars/${webinar.id}/rtmp-ingress`, headers: as() })
      expect(again.statusCode, again.body).toBe(200)
      expect(again.json().address).toBe(callOf(webinar)!.ingress.rtmp.address)
    },
  }),
  // Minting is local signing (a JWT with the app's secret): no request to Stream at all, so it works while Stream
  // does not. Every Stream request is faulted here, and the answer comes well before any Stream timeout could.
  operation<WebinarView>({
    operation: 'host token',
    only: null,
    arrange: () => createWebinar(),
    act: (webinar) => ({ method: 'POST', url: `/api/webinars/${webinar.id}/stream-token`, headers: as() }),
    whileDown: async (webinar, response) => {
      expect(response.statusCode, response.body).toBe(200)
      const claims = jwt.verify(response.json().token, streamTestKeys.apiSecret, { algorithms: ['HS256'] }) as Record<string, unknown>
      expect(claims).toMatchObject({ role: 'host', call_cids: [`${webinar.streamCallType}:${webinar.streamCallId}`] })
    },
    onceBack: async () => {},
  }),
  operation<AttendeeContext>({
    operation: 'attendee token',
    only: null,
    arrange: async () => {
      const webinar = await liveWebinar({ viewerMode: 'webrtc', record: false })
      return { webinar, token: await registerAndGetToken(webinar.slug, `attendee-${++attendeeCount}@example.com`) }
    },
    act: ({ token }) => ({ method: 'POST', url: `/api/join/${token}/stream-token` }),
    whileDown: async ({ webinar }, response) => {
      expect(response.statusCode, response.body).toBe(200)
      const claims = jwt.verify(response.json().token, streamTestKeys.apiSecret, { algorithms: ['HS256'] }) as Record<string, unknown>
      expect(claims).toMatchObject({ role: 'viewer', call_cids: [`${webinar.streamCallType}:${webinar.streamCallId}`] })
    },
    onceBack: async () => {},
  }),
]

const isMinting = (faulted: FaultedOperation<unknown>) => faulted.operation.endsWith('token')

/** Runs one case: arrange with Stream well, act while it misbehaves, check, let Stream back, check again. */
async function survive(faulted: FaultedOperation<unknown>, kind: FaultKind, phase: 'request' | 'answer' = 'request') {
  const context = await faulted.arrange()
  const webinarIdOf = () => (context as { id?: string; webinar?: { id: string } }).id ?? (context as { webinar?: { id: string } }).webinar?.id
  const requestsBefore = testApp.emulator.listRequests().length
  testApp.emulator.injectFaults({ ...kind.settings, only: faulted.only, phase })
  tally.injected++
  tally.operations.add(faulted.operation)
  const actedAt = Date.now()
  const { response, ms } = await timed(faulted.act(context))
  expect(response.statusCode, response.body).not.toBe(500)
  expect(ms, 'answered within a bound while Stream misbehaves').toBeLessThan(isMinting(faulted) ? timeoutMs / 2 : answerBoundMs)
  if (isMinting(faulted)) {
    const sent = testApp.emulator.listRequests().slice(requestsBefore).filter((request) => request.path.includes('/users') || request.path.includes('/call/'))
    expect(sent, 'minting a token asks nothing of Stream').toEqual([])
  }
  await faulted.whileDown(context, response, kind)
  const createdId = response.statusCode === 201 ? (response.json() as WebinarView).id : undefined
  const webinarId = createdId ?? webinarIdOf()
  if (webinarId) await expectInStep(webinarId, { isStreamBack: false })
  // Stream's late work lands (a delayed request goes on after its caller gave up), then Stream is well again.
  if (kind.landsLate) await sleep(Math.max(0, actedAt + (kind.settings.delayMs ?? 0) + 200 - Date.now()))
  testApp.emulator.clearFaults()
  await faulted.onceBack(createdId ? await untilReady(createdId) : context, kind)
  if (webinarId) await expectInStep(webinarId, { isStreamBack: true })
  tally.survived++
}

describe('Stream failing a request before doing anything: every operation, every kind of fault', () => {
  const cases = faultedOperations.flatMap((faulted) => faultKinds.map((kind) => [faulted.operation, faulted.only ?? 'every request', kind.name, faulted, kind] as const))
  it.each(cases)('%s, with %s meeting %s', (_operation, _only, _kindName, faulted, kind) => survive(faulted, kind), 40_000)
})

/**
 * Stream doing what was asked, then its answer going wrong: lost (the app times out), an error, or late. The app
 * must end up where Stream is, never half-way: a go-live that happened is a live webinar (the app reads the call
 * back, or Stream's call.live_started webhook moves it), an end or a delete that happened is not undone.
 */
interface AnswerFault<Context> {
  operation: string
  only: string
  fault: FaultSettings
  /** Stream's webhooks do not reach the app meanwhile: the app has only its own requests to go by. */
  isDeaf?: boolean
  arrange: () => Promise<Context>
  act: (context: Context) => InjectOptions
  /** The answer and the state right after it. */
  answered: (context: Context, response: LightMyRequestResponse) => Promise<void>
  onceBack?: (context: Context) => Promise<void>
}

const answerFault = <Context>(definition: AnswerFault<Context>) => definition as AnswerFault<unknown>
const lost: FaultSettings = { hang: true }
const failedWith = (status: number): FaultSettings => ({ failNext: 1000, status })
const callsOfWebinar = (webinarId: string) => testApp.emulator.listCalls().filter((call) => call.custom.webinarId === webinarId)

const answerFaults: AnswerFault<unknown>[] = [
  answerFault<undefined>({
    operation: 'create',
    only: 'GetOrCreateCall',
    fault: lost,
    arrange: async () => undefined,
    act: () => ({
      method: 'POST',
      url: '/api/webinars',
      headers: as(),
      payload: { title: `Created, answer lost ${++webinarCount}`, startTime: new Date(Date.now() + 86_400_000).toISOString(), timezone: 'UTC', durationMinutes: 30 },
    }),
    answered: async (_context, response) => {
      expect(response.statusCode, response.body).toBe(201)
      const webinar = response.json() as WebinarView
      expect(webinar.provisioning).toBe('pending')
      // Stream made the call though its answer was lost.
      expect(callsOfWebinar(webinar.id)).toHaveLength(1)
    },
    onceBack: async (_context) => {
      // The job finds the call (its id is the webinar's) instead of making another.
      const { rows } = await testApp.database.pool.query<{ id: string }>(`select id from webinars where title like 'Created, answer lost %' order by created_at desc limit 1`)
      const webinarId = rows[0]!.id
      await untilReady(webinarId)
      expect(callsOfWebinar(webinarId)).toHaveLength(1)
    },
  }),
  answerFault<WebinarView>({
    operation: 'edit',
    only: 'UpdateCall',
    fault: failedWith(500),
    arrange: () => createWebinar(),
    act: (webinar) => ({ method: 'PATCH', url: `/api/webinars/${webinar.id}`, headers: as(), payload: { title: `${webinar.title}, renamed` } }),
    answered: async (webinar, response) => {
      expect(response.statusCode, response.body).toBe(200)
      expect(response.json().provisioning).toBe('pending')
      expect(callOf(webinar)!.custom).toMatchObject({ title: `${webinar.title}, renamed` })
    },
    onceBack: async (webinar) => {
      await untilReady(webinar.id)
    },
  }),
  answerFault<WebinarView>({
    operation: 'start',
    only: 'GoLive',
    fault: lost,
    arrange: () => createWebinar({ viewerMode: 'hls', record: true, captions: true }),
    act: (webinar) => ({ method: 'POST', url: `/api/webinars/${webinar.id}/start`, headers: as() }),
    answered: async (webinar, response) => {
      // The call is live at Stream: so is the webinar, and the host is told so.
      expect(response.statusCode, response.body).toBe(200)
      expect(response.json()).toMatchObject({ status: 'live', isCaptioning: true })
      expect(callOf(webinar)).toMatchObject({ live: true, recording: true, captioning: true })
    },
  }),
  answerFault<WebinarView>({
    operation: 'start',
    only: 'GoLive',
    fault: failedWith(500),
    isDeaf: true,
    arrange: () => createWebinar({ viewerMode: 'hls', record: true, captions: true }),
    act: (webinar) => ({ method: 'POST', url: `/api/webinars/${webinar.id}/start`, headers: as() }),
    answered: async (webinar, response) => {
      // No webhook comes to say the call went live: the app reads the call back instead of leaving it half-started.
      expect(response.statusCode, response.body).toBe(200)
      expect(response.json()).toMatchObject({ status: 'live', isCaptioning: true })
      expect(response.json().hlsPlaylistUrl).toBe(callOf(webinar)!.hlsPlaylistUrl)
    },
  }),
  answerFault<WebinarView>({
    operation: 'start',
    only: 'GoLive',
    // Late but within the timeout: Stream's call.live_started webhook moves the webinar before the answer arrives.
    fault: { delayMs: timeoutMs / 2 },
    arrange: () => createWebinar({ viewerMode: 'hls', record: true, captions: true }),
    act: (webinar) => ({ method: 'POST', url: `/api/webinars/${webinar.id}/start`, headers: as() }),
    answered: async (webinar, response) => {
      expect(response.statusCode, response.body).toBe(200)
      // What the go-live started is recorded even though the webhook moved the status first.
      expect(response.json()).toMatchObject({ status: 'live', isCaptioning: true })
      expect(callOf(webinar)).toMatchObject({ live: true, captioning: true })
    },
  }),
  answerFault<WebinarView>({
    operation: 'end',
    only: 'EndCall',
    fault: lost,
    arrange: () => liveWebinar(),
    act: (webinar) => ({ method: 'POST', url: `/api/webinars/${webinar.id}/end`, headers: as() }),
    answered: async (webinar, response) => {
      expect(response.statusCode, response.body).toBe(200)
      expect(response.json().status).toBe('ended')
      expect(callOf(webinar)).toMatchObject({ ended: true, recording: false, hlsPlaylistUrl: null })
    },
    onceBack: async (webinar) => {
      await untilReady(webinar.id)
    },
  }),
  answerFault<WebinarView>({
    operation: 'end',
    only: 'StopLive',
    fault: failedWith(503),
    isDeaf: true,
    arrange: () => liveWebinar(),
    act: (webinar) => ({ method: 'POST', url: `/api/webinars/${webinar.id}/end`, headers: as() }),
    answered: async (webinar, response) => {
      expect(response.statusCode, response.body).toBe(200)
      expect(response.json()).toMatchObject({ status: 'ended', provisioning: 'ready' })
      expect(callOf(webinar)).toMatchObject({ ended: true, recording: false, hlsPlaylistUrl: null })
    },
  }),
  answerFault<WebinarView>({
    operation: 'cancel',
    only: 'EndCall',
    fault: failedWith(500),
    arrange: () => createWebinar(),
    act: (webinar) => ({ method: 'POST', url: `/api/webinars/${webinar.id}/cancel`, headers: as() }),
    answered: async (webinar, response) => {
      expect(response.statusCode, response.body).toBe(200)
      expect(response.json().status).toBe('cancelled')
      expect(callOf(webinar)!.ended).toBe(true)
    },
    onceBack: async (webinar) => {
      await untilReady(webinar.id)
    },
  }),
  answerFault<WebinarView>({
    operation: 'delete',
    only: 'DeleteCall',
    fault: failedWith(503),
    arrange: () => createWebinar(),
    act: (webinar) => ({ method: 'DELETE', url: `/api/webinars/${webinar.id}`, headers: as(), payload: { records: 'erase' } }),
    answered: async (webinar, response) => {
      expect(response.statusCode, response.body).toBe(204)
      expect(callOf(webinar)).toBeUndefined()
    },
    onceBack: async () => {
      // The job tries again, finds the call gone (404) and is done.
      await sleep(2000)
    },
  }),
  answerFault<WebinarView>({
    operation: 'captions',
    only: 'StartClosedCaptions',
    fault: lost,
    arrange: () => liveWebinar(),
    act: (webinar) => ({ method: 'POST', url: `/api/webinars/${webinar.id}/captions`, headers: as(), payload: { isOn: true } }),
    answered: async (webinar, response) => {
      // Captions run at Stream: the host and the room are told they are on.
      expect(response.statusCode, response.body).toBe(200)
      expect(response.json().isCaptioning).toBe(true)
      expect(callOf(webinar)!.captioning).toBe(true)
    },
  }),
]

const describeFault = (fault: FaultSettings) =>
  fault.hang ? 'lost' : fault.failNext ? `HTTP ${fault.status}` : `${fault.delayMs} ms late`

describe('Stream doing the work, then its answer going wrong', () => {
  const cases = answerFaults.map((faulted) => [faulted.operation, faulted.only, describeFault(faulted.fault), faulted.isDeaf ? ', webhooks lost' : '', faulted] as const)
  it.each(cases)('%s, with the answer to %s %s%s', async (_operation, _only, _fault, _deaf, faulted) => {
    const context = await faulted.arrange()
    if (faulted.isDeaf) testApp.emulator.setWebhookUrl(undefined)
    testApp.emulator.injectFaults({ ...faulted.fault, only: faulted.only, phase: 'answer' })
    tally.injected++
    tally.operations.add(faulted.operation)
    const { response, ms } = await timed(faulted.act(context))
    expect(ms, 'answered within a bound while Stream misbehaves').toBeLessThan(answerBoundMs)
    await faulted.answered(context, response)
    testApp.emulator.clearFaults()
    hearWebhooks()
    await faulted.onceBack?.(context)
    const webinarId = response.statusCode === 201 ? (response.json() as WebinarView).id : (context as WebinarView | undefined)?.id
    if (webinarId) await expectInStep(webinarId, { isStreamBack: true })
    tally.survived++
  }, 40_000)
})

describe('nothing left behind', () => {
  it('deletes a webinar whose call Stream never made: no call appears once Stream is back', async () => {
    testApp.emulator.injectFaults({ failNext: 1000, status: 503, only: 'GetOrCreateCall' })
    tally.injected++
    tally.operations.add('delete')
    const created = await testApp.app.inject({
      method: 'POST',
      url: '/api/webinars',
      headers: as(),
      payload: { title: `Never made ${++webinarCount}`, startTime: new Date(Date.now() + 86_400_000).toISOString(), timezone: 'UTC', durationMinutes: 30 },
    })
    const webinar = created.json() as WebinarView
    expect(webinar.provisioning).toBe('pending')
    const deleted = await testApp.app.inject({ method: 'DELETE', url: `/api/webinars/${webinar.id}`, headers: as(), payload: { records: 'keep' } })
    expect(deleted.statusCode, deleted.body).toBe(204)
    testApp.emulator.clearFaults()
    // Long enough for the call-sync job's retries and the delete job to run.
    await sleep(4000)
    expect(callOf(webinar)).toBeUndefined()
    tally.survived++
  }, 40_000)

  it('leaves no call without its webinar, and no webinar out of step with its call', async () => {
    // The jobs finish what Stream's faults held up.
    await waitFor(async () => {
      const { rows } = await testApp.database.pool.query(`select 1 from webinars where provisioning <> 'ready' and deleted_at is null`)
      return rows.length === 0 ? true : undefined
    }, 30_000)
    await waitFor(async () => {
      const { rows } = await testApp.database.pool.query<{ stream_call_id: string }>(`select stream_call_id from webinars where deleted_at is not null`)
      const deletedCallIds = new Set(rows.map((row) => row.stream_call_id))
      return testApp.emulator.listCalls().some((call) => deletedCallIds.has(call.id)) ? undefined : true
    }, 30_000)
    const { rows: webinars } = await testApp.database.pool.query<{ id: string; stream_call_id: string }>(`select id, stream_call_id from webinars where deleted_at is null`)
    const present = new Map(webinars.map((row) => [row.stream_call_id, row.id]))
    const calls = testApp.emulator.listCalls()
    const orphans = calls.filter((call) => !present.has(call.id)).map((call) => call.cid)
    expect(orphans, 'calls whose webinar is gone').toEqual([])
    for (const call of calls) expect(call.custom.webinarId).toBe(present.get(call.id))
    for (const { id } of webinars) await expectInStep(id, { isStreamBack: true })
    expect(calls.length).toBeGreaterThan(50)
  }, 70_000)
})

describe('the emulator’s control route', () => {
  it('aims faults at one operation, before or after its work, over HTTP', async () => {
    const control = `${testApp.streamUrl}/__control/faults`
    const post = (body: object) => fetch(control, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    const aimed = await post({ only: 'GoLive', phase: 'answer', failNext: 1, status: 503 })
    expect(aimed.status).toBe(200)
    expect(((await aimed.json()) as { faults: unknown }).faults).toEqual({ failNext: 1, status: 503, delayMs: 0, hang: false, only: 'GoLive', phase: 'answer' })
    expect((await post({ phase: 'later' })).status).toBe(400)
    expect((await post({ only: 42 })).status).toBe(400)
    const cleared = await fetch(control, { method: 'DELETE' })
    expect(((await cleared.json()) as { faults: unknown }).faults).toMatchObject({ only: null, phase: 'request', failNext: 0 })
  })
})
