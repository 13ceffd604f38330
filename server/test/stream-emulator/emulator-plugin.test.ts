import fastifyRateLimit from '@fastify/rate-limit'
import fastifySwagger from '@fastify/swagger'
import { StreamClient } from '@stream-io/node-sdk'
import Fastify, { type FastifyInstance } from 'fastify'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { EmulatedCallState } from '../../src/stream-emulator/call-responses.ts'
import type { CallRecordingRecord } from '../../src/stream-emulator/emulator-state.ts'
import type { RecordedRequest } from '../../src/stream-emulator/request-log.ts'
import { createStreamEmulator, type StreamEmulator } from '../../src/stream-emulator/stream-emulator.ts'
import type { WebhookDelivery } from '../../src/stream-emulator/webhooks.ts'
import { startWebhookReceiver } from './webhook-receiver.ts'

const keys = { apiKey: 'plugin-test-key', apiSecret: 'plugin-test-secret-0123456789abcdef' }

let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>
let emulator: StreamEmulator
let host: FastifyInstance
let hostUrl: string
let client: StreamClient

/**
 * A host app like ours: its own error shape, a strict rate limit, its own JSON routes and OpenAPI document;
 * the emulator mounted under /__stream as app.ts does it.
 */
beforeAll(async () => {
  receiver = await startWebhookReceiver()
  emulator = createStreamEmulator({ ...keys, webhookUrl: receiver.url })
  host = Fastify({ logger: false, forceCloseConnections: true })
  host.setErrorHandler((error: { statusCode?: number; message: string }, _request, reply) =>
    reply.status(error.statusCode ?? 500).send({ error: { code: 'host_error', message: error.message } }),
  )
  await host.register(fastifyRateLimit, { max: 3, timeWindow: '1 minute' })
  await host.register(fastifySwagger, { openapi: { info: { title: 'host', version: '1' } } })
  host.post('/api/echo', async (request) => ({ echoed: request.body }))
  await host.register(emulator.plugin, { prefix: '/__stream', enableControl: true })
  hostUrl = await host.listen({ host: '127.0.0.1', port: 0 })
  client = new StreamClient(keys.apiKey, keys.apiSecret, { basePath: `${hostUrl}/__stream` })
})
afterAll(async () => {
  await host.close()
  await receiver.close()
})
beforeEach(async () => {
  emulator.reset()
  receiver.clear()
  await client.createRole({ name: 'viewer' })
  await client.video.createCallType({ name: 'webinar', grants: { host: ['join-call', 'join-backstage'], viewer: ['join-call', 'read-call'] }, settings: { backstage: { enabled: true } } })
  await client.upsertUsers([{ id: 'staff_1' }])
  await client.video.call('webinar', 'wbn_mounted').getOrCreate({ data: { created_by_id: 'staff_1', custom: { title: 'Mounted' } } })
})

const control = (path: string, init: RequestInit = {}) =>
  fetch(`${hostUrl}/__stream/__control${path}`, {
    ...init,
    headers: init.body ? { 'content-type': 'application/json' } : {},
  })

async function readJson<T>(response: Response): Promise<T> {
  return (await response.json()) as T
}

describe('the emulator mounted in a host app', () => {
  it('answers the SDK under the prefix, outside the host’s rate limit', async () => {
    for (let index = 0; index < 8; index++) await client.video.call('webinar', 'wbn_mounted').get()
    expect(emulator.validationFailures()).toEqual([])
    expect(emulator.listRequests().at(-1)).toMatchObject({ path: '/api/v2/video/call/webinar/wbn_mounted', operation: 'GetCall', status: 200 })
  })

  it('keeps Stream’s error shape inside and the host’s outside, and leaves the host’s JSON parsing alone', async () => {
    const inside = await fetch(`${hostUrl}/__stream/api/v2/nothing-here?api_key=${keys.apiKey}`)
    expect(inside.status).toBe(401)
    expect(await inside.json()).toMatchObject({ code: 5, StatusCode: 401, details: [] })
    const outside = await fetch(`${hostUrl}/api/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":' })
    expect(outside.status).toBe(400)
    expect(await outside.json()).toMatchObject({ error: { code: 'host_error' } })
    const echoed = await fetch(`${hostUrl}/api/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' })
    expect(await echoed.json()).toEqual({ echoed: { a: 1 } })
    // The host's limit (3 a minute) is live: only the emulator's routes are outside it.
    const echo = () => fetch(`${hostUrl}/api/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
    expect([(await echo()).status, (await echo()).status]).toEqual([200, 429])
  })

  it('stays out of the host’s OpenAPI document', async () => {
    await host.ready()
    const paths = Object.keys((host.swagger() as { paths?: Record<string, unknown> }).paths ?? {})
    expect(paths).toContain('/api/echo')
    expect(paths.filter((path) => path.startsWith('/__stream'))).toEqual([])
  })
})

describe('control endpoints', () => {
  it('show a call’s state', async () => {
    const response = await control('/calls/webinar/wbn_mounted')
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({
      cid: 'webinar:wbn_mounted',
      backstage: true,
      live: false,
      ended: false,
      starts_at: null,
      custom: { title: 'Mounted' },
      hlsPlaylistUrl: null,
      recording: false,
      participants: [],
    })
    expect((await control('/calls/webinar/unknown')).status).toBe(404)
  })

  it('make participants join and leave, with their webhooks, under Stream’s join rules', async () => {
    const join = () => control('/calls/webinar/wbn_mounted/participants', { method: 'POST', body: JSON.stringify({ userId: 'reg_1', action: 'join', role: 'viewer' }) })
    // In backstage a viewer is refused, as Stream refuses one.
    const refused = await join()
    expect(refused.status).toBe(403)
    expect(await refused.json()).toMatchObject({ code: 17, StatusCode: 403 })
    await client.video.call('webinar', 'wbn_mounted').goLive({})
    const joined = await join()
    expect(joined.status).toBe(201)
    expect(await joined.json()).toMatchObject({ participant: { userId: 'reg_1', role: 'viewer' } })
    expect((await readJson<EmulatedCallState>(await control('/calls/webinar/wbn_mounted'))).participants).toHaveLength(1)
    const left = await control('/calls/webinar/wbn_mounted/participants', { method: 'POST', body: JSON.stringify({ userId: 'reg_1', action: 'leave' }) })
    expect(left.status).toBe(201)
    expect((await readJson<{ participant: { durationSeconds: number } }>(left)).participant.durationSeconds).toBeGreaterThanOrEqual(0)
    const notThere = await control('/calls/webinar/wbn_mounted/participants', { method: 'POST', body: JSON.stringify({ userId: 'reg_1', action: 'leave' }) })
    expect(notThere.status).toBe(404)
    const bad = await control('/calls/webinar/wbn_mounted/participants', { method: 'POST', body: JSON.stringify({ userId: 'reg_1', action: 'dance' }) })
    expect(bad.status).toBe(400)
    expect((await readJson<{ message: string }>(bad)).message).toContain('action')

    await emulator.whenWebhooksDelivered()
    expect(receiver.typesReceived()).toEqual(
      expect.arrayContaining(['call.session_participant_joined', 'call.session_participant_left']),
    )
  })

  it('make a recording ready, with call.recording_ready', async () => {
    const response = await control('/calls/webinar/wbn_mounted/recordings', { method: 'POST' })
    expect(response.status).toBe(201)
    const { recording } = await readJson<{ recording: CallRecordingRecord }>(response)
    expect(recording.url).toMatch(new RegExp(`^${hostUrl}/__stream/recordings/webinar/wbn_mounted/`))
    await emulator.whenWebhooksDelivered()
    const ready = receiver.received.find((webhook) => webhook.event.type === 'call.recording_ready')!
    expect(ready.event.call_recording).toEqual(recording)
    expect((await client.video.call('webinar', 'wbn_mounted').listRecordings()).recordings).toHaveLength(1)
  })

  it('inject and clear faults', async () => {
    const injected = await control('/faults', { method: 'POST', body: JSON.stringify({ failNext: 2, status: 429 }) })
    expect(await injected.json()).toEqual({ faults: { failNext: 2, status: 429, delayMs: 0, hang: false, only: null, phase: 'request' } })
    const call = client.video.call('webinar', 'wbn_mounted')
    await expect(call.get()).rejects.toMatchObject({ code: 9, metadata: { responseCode: 429 } })
    // Control requests are not API requests: they neither count against nor suffer the faults.
    expect((await control('/calls/webinar/wbn_mounted')).status).toBe(200)
    await expect(call.get()).rejects.toMatchObject({ metadata: { responseCode: 429 } })
    await call.get()

    await control('/faults', { method: 'POST', body: JSON.stringify({ failNext: 5 }) })
    expect((await control('/faults', { method: 'DELETE' })).status).toBe(200)
    await call.get()
    expect((await control('/faults', { method: 'POST', body: JSON.stringify({ status: 200 }) })).status).toBe(400)
  })

  it('list the recorded requests with their validation result', async () => {
    // The SDK copies only known top-level fields into the body; nested objects pass through as given.
    await client.video
      .call('webinar', 'wbn_mounted')
      .update({ settings_override: { backstage: { enabled: true, opens_at: 5 } } } as never)
      .catch(() => {})
    const { requests } = await readJson<{ requests: RecordedRequest[] }>(await control('/requests'))
    expect(requests.map((request) => request.operation)).toEqual(['CreateRole', 'CreateCallType', 'UpdateUsers', 'GetOrCreateCall', 'UpdateCall'])
    expect(requests.at(-1)).toMatchObject({
      method: 'PATCH',
      status: 400,
      body: { settings_override: { backstage: { enabled: true, opens_at: 5 } } },
      validationErrors: [{ field: 'settings_override.backstage.opens_at', message: 'is not a known field' }],
    })
  })

  it('set the webhook URL and show deliveries', async () => {
    expect((await control('/webhooks', { method: 'PUT', body: JSON.stringify({ url: null }) })).status).toBe(200)
    await client.video.call('webinar', 'wbn_mounted').update({ custom: { title: 'Quiet' } })
    const { url, deliveries } = await readJson<{ url: string | null; deliveries: WebhookDelivery[] }>(await control('/webhooks'))
    expect(url).toBeNull()
    expect(deliveries.at(-1)).toMatchObject({ eventType: 'call.updated', status: 'skipped' })
    await control('/webhooks', { method: 'PUT', body: JSON.stringify({ url: receiver.url }) })
  })

  it('answer only whom the host app lets in, and its refusals come in the host’s error shape', async () => {
    const guarded = Fastify({ logger: false })
    guarded.setErrorHandler((error: { statusCode?: number; message: string }, _request, reply) =>
      reply.status(error.statusCode ?? 500).send({ error: { code: 'host_error', message: error.message } }),
    )
    await guarded.register(createStreamEmulator(keys).plugin, {
      prefix: '/__stream',
      enableControl: true,
      authorizeControl: async (request) => {
        if (request.headers['x-admin'] !== 'yes') throw Object.assign(new Error('admins only'), { statusCode: 403 })
      },
    })
    const refused = await guarded.inject({ method: 'POST', url: '/__stream/__control/reset' })
    expect(refused.statusCode).toBe(403)
    expect(refused.json()).toEqual({ error: { code: 'host_error', message: 'admins only' } })
    const admitted = await guarded.inject({ method: 'POST', url: '/__stream/__control/reset', headers: { 'x-admin': 'yes' } })
    expect(admitted.statusCode).toBe(200)
    // Past the host's check, the emulator's own errors keep Stream's shape.
    const unknownCall = await guarded.inject({ method: 'GET', url: '/__stream/__control/calls/webinar/nope', headers: { 'x-admin': 'yes' } })
    expect(unknownCall.statusCode).toBe(404)
    expect(unknownCall.json()).toMatchObject({ StatusCode: 404 })
    // Stream's API is not the host's to guard: it keeps its own token check.
    expect((await guarded.inject({ method: 'GET', url: '/__stream/api/v2/roles' })).json()).toMatchObject({ StatusCode: 401 })
    await guarded.close()
  })

  it('are absent unless enabled', async () => {
    const bare = Fastify({ logger: false })
    await bare.register(createStreamEmulator(keys).plugin, { prefix: '/__stream' })
    const response = await bare.inject({ method: 'GET', url: '/__stream/__control/requests' })
    expect(response.statusCode).toBe(401)
    expect(response.json()).toMatchObject({ StatusCode: 401 })
    await bare.close()
  })
})
