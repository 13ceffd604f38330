import { StreamClient } from '@stream-io/node-sdk'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { loadStreamContract, readStreamOpenApiSubset } from '../../src/stream-emulator/openapi-contract.ts'
import type { StandaloneStreamEmulator } from '../../src/stream-emulator/stream-emulator.ts'
import { streamCallers } from './stream-callers.ts'
import { startEmulatorWithReceiver, type ReceivedWebhook } from './webhook-receiver.ts'
import { withoutNulls } from './openapi-schemas.ts'

const keys = { apiKey: 'webhook-test-key', apiSecret: 'webhook-test-secret-0123456789abcdef' }
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

// A clock the test moves, so attendance durations are exact.
let nowMs = Date.parse('2031-03-01T09:00:00Z')
const advance = (seconds: number) => {
  nowMs += seconds * 1000
}

let setup: Awaited<ReturnType<typeof startEmulatorWithReceiver>>
let stream: StandaloneStreamEmulator
let receiver: typeof setup.receiver
let client: StreamClient
beforeAll(async () => {
  setup = await startEmulatorWithReceiver({ ...keys, now: () => new Date(nowMs), webhookRetryDelaysMs: [10, 20] })
  ;({ stream, receiver } = setup)
  client = new StreamClient(keys.apiKey, keys.apiSecret, { basePath: stream.url })
})
afterAll(() => setup.close())
beforeEach(async () => {
  setup.reset()
  await client.createRole({ name: 'viewer' })
  await client.video.createCallType({
    name: 'webinar',
    grants: { host: ['join-call', 'join-backstage'], viewer: ['join-call', 'read-call'] },
    settings: { backstage: { enabled: true }, broadcasting: { enabled: true, hls: { enabled: true, quality_tracks: ['720p'] } } },
  })
  await client.upsertUsers([{ id: 'staff_1' }, { id: 'reg_ada' }])
  receiver.clear()
})

function eventsOfType(type: string): ReceivedWebhook[] {
  return receiver.received.filter((webhook) => webhook.event.type === type)
}

describe('webhooks', () => {
  it('signs every event over its exact bytes and sends the life of a webinar in order', async () => {
    const call = client.video.call('webinar', 'wbn_hooks')
    await call.getOrCreate({ data: { created_by_id: 'staff_1', members: [{ user_id: 'staff_1', role: 'host' }] } })
    const host = stream.emulator.joinParticipant('webinar', 'wbn_hooks', 'staff_1')
    const live = await call.goLive({ start_hls: true, start_recording: true })
    stream.emulator.joinParticipant('webinar', 'wbn_hooks', 'reg_ada', { role: 'viewer' })
    advance(90)
    const left = stream.emulator.leaveParticipant('webinar', 'wbn_hooks', 'reg_ada')
    expect(left.durationSeconds).toBe(90)
    await call.stopLive({})
    const recording = stream.emulator.makeRecordingReady('webinar', 'wbn_hooks')
    advance(30)
    await call.end()
    await stream.emulator.whenWebhooksDelivered()

    expect(receiver.typesReceived()).toEqual([
      'call.created',
      'call.session_started',
      'call.session_participant_joined',
      'call.live_started',
      'call.hls_broadcasting_started',
      'call.recording_started',
      'call.session_participant_joined',
      'call.session_participant_left',
      'call.hls_broadcasting_stopped',
      'call.recording_stopped',
      'call.recording_ready',
      'call.ended',
      'call.session_participant_left',
      'call.session_ended',
    ])

    const webhookIds = new Set<string>()
    for (const webhook of receiver.received) {
      expect(client.verifyWebhook(webhook.rawBody, webhook.headers['x-signature'] as string)).toBe(true)
      expect(client.verifyAndParseWebhook(webhook.rawBody, webhook.headers['x-signature'] as string)).toEqual(webhook.event)
      expect(webhook.headers).toMatchObject({ 'x-api-key': keys.apiKey, 'x-webhook-attempt': '1', 'content-type': 'application/json' })
      expect(webhook.headers['x-webhook-id']).toMatch(uuidPattern)
      webhookIds.add(webhook.headers['x-webhook-id'] as string)
      expect(webhook.event.call_cid).toBe('webinar:wbn_hooks')
      expect(new Date(webhook.event.created_at).toISOString()).toBe(webhook.event.created_at)
    }
    expect(webhookIds.size).toBe(receiver.received.length)

    const [hostJoined, viewerJoined] = eventsOfType('call.session_participant_joined').map((webhook) => webhook.event)
    expect(hostJoined).toMatchObject({ session_id: live.call.session?.id, participant: { user: { id: 'staff_1' }, role: 'host', user_session_id: host.userSessionId } })
    expect(viewerJoined).toMatchObject({ participant: { user: { id: 'reg_ada' }, role: 'viewer' } })
    const [viewerLeft, hostLeft] = eventsOfType('call.session_participant_left').map((webhook) => webhook.event)
    expect(viewerLeft).toMatchObject({ participant: { user: { id: 'reg_ada' } }, duration_seconds: 90 })
    expect(hostLeft).toMatchObject({ participant: { user: { id: 'staff_1' } }, duration_seconds: 120 })

    expect(eventsOfType('call.live_started')[0]!.event).toMatchObject({ call: { cid: 'webinar:wbn_hooks', backstage: false } })
    expect(eventsOfType('call.hls_broadcasting_started')[0]!.event.hls_playlist_url).toBe(live.call.egress.hls?.playlist_url)
    expect(eventsOfType('call.recording_ready')[0]!.event).toMatchObject({
      recording_type: 'composite',
      call_recording: { ...recording, session_id: live.call.session?.id, start_time: '2031-03-01T09:00:00.000Z', end_time: '2031-03-01T09:01:30.000Z' },
    })
    expect(recording.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/recordings\/webinar\/wbn_hooks\/.+\.mp4$/)
    expect((await call.listRecordings()).recordings.map((listed) => listed.filename)).toEqual([recording.filename])
    expect(eventsOfType('call.ended')[0]!.event).toMatchObject({ call: { ended_at: '2031-03-01T09:02:00.000Z' } })
  })

  it('sends events whose payloads satisfy the OpenAPI document’s event schemas', async () => {
    const contract = loadStreamContract()
    const call = client.video.call('webinar', 'wbn_contract')
    await call.getOrCreate({ data: { created_by_id: 'staff_1', settings_override: { audio: { access_request_enabled: true, default_device: 'speaker' } } } })
    await call.update({ custom: { title: 'x' } })
    await call.updateCallMembers({ update_members: [{ user_id: 'reg_ada', role: 'viewer' }] })
    await call.updateCallMembers({ update_members: [{ user_id: 'reg_ada', custom: { seat: 1 } }], remove_members: ['nobody'] })
    stream.emulator.joinParticipant('webinar', 'wbn_contract', 'staff_1', { role: 'host' })
    await call.goLive({ start_hls: true, start_recording: true, start_closed_caption: true })
    // A raised hand: the browser SDK's request, as the viewer member (a token valid by the test's clock).
    const callers = streamCallers(keys, stream.url)
    const adaToken = client.generateUserToken({ user_id: 'reg_ada', iat: Math.floor(nowMs / 1000), validity_in_seconds: 3600 })
    const asked = await callers.asUser(adaToken, 'POST', 'webinar', 'wbn_contract', '/request_permission', { permissions: ['send-audio'] })
    expect(asked.status).toBe(201)
    await call.updateUserPermissions({ user_id: 'reg_ada', grant_permissions: ['send-audio'] })
    stream.emulator.joinParticipant('webinar', 'wbn_contract', 'reg_ada')
    await call.kickUser({ user_id: 'reg_ada', block: true, kicked_by_id: 'staff_1' })
    await call.unblockUser({ user_id: 'reg_ada' })
    await call.blockUser({ user_id: 'reg_ada' })
    await call.updateCallMembers({ remove_members: ['reg_ada'] })
    await call.stopClosedCaptions({})
    stream.emulator.leaveParticipant('webinar', 'wbn_contract', 'staff_1')
    await call.stopLive({})
    stream.emulator.makeRecordingReady('webinar', 'wbn_contract')
    await call.end()
    await call.delete({})
    await stream.emulator.whenWebhooksDelivered()

    // Every event type the subset covers (the emulator's list in scripts/derive-stream-openapi.mjs) is sent here.
    expect(new Set(receiver.typesReceived())).toEqual(new Set(Object.keys(readStreamOpenApiSubset()['x-webhook-events'])))
    for (const webhook of receiver.received) {
      // An event type the subset does not cover fails here: add it to scripts/derive-stream-openapi.mjs.
      const schemaName = contract.eventSchemaFor(webhook.event.type)
      expect(schemaName, webhook.event.type).toBeDefined()
      expect(contract.validateSchema(schemaName!, withoutNulls(webhook.event), 'lenient'), webhook.event.type).toEqual([])
    }
  })

  it('retries on 5xx with the same webhook id and a counting attempt header', async () => {
    let answered = 0
    receiver.answerWith(() => (++answered <= 2 ? 503 : 200))
    await client.video.call('webinar', 'wbn_retry').getOrCreate({ data: { created_by_id: 'staff_1' } })
    await stream.emulator.whenWebhooksDelivered()
    expect(receiver.received.map((webhook) => webhook.headers['x-webhook-attempt'])).toEqual(['1', '2', '3'])
    expect(new Set(receiver.received.map((webhook) => webhook.headers['x-webhook-id'])).size).toBe(1)
    expect(new Set(receiver.received.map((webhook) => webhook.rawBody.toString()))).toHaveProperty('size', 1)
    expect(stream.emulator.listWebhookDeliveries()).toEqual([
      expect.objectContaining({ eventType: 'call.created', status: 'delivered', attempts: 3, lastResponseStatus: 200 }),
    ])
  })

  it('gives up on a 4xx at once and after the last retry on network failures', async () => {
    receiver.answerWith(() => 400)
    await client.video.call('webinar', 'wbn_refused').getOrCreate({ data: { created_by_id: 'staff_1' } })
    await stream.emulator.whenWebhooksDelivered()
    expect(receiver.received).toHaveLength(1)

    stream.emulator.setWebhookUrl('http://127.0.0.1:9/nobody-listens')
    await client.video.call('webinar', 'wbn_unreachable').getOrCreate({ data: { created_by_id: 'staff_1' } })
    await stream.emulator.whenWebhooksDelivered()
    expect(stream.emulator.listWebhookDeliveries().map((delivery) => [delivery.status, delivery.attempts])).toEqual([
      ['failed', 1],
      ['failed', 3],
    ])
  })

  it('answers the API without waiting for webhook delivery', async () => {
    let letGo!: () => void
    const held = new Promise<number>((resolve) => {
      letGo = () => resolve(200)
    })
    receiver.answerWith(() => held)
    const answered = await client.video.call('webinar', 'wbn_async').getOrCreate({ data: { created_by_id: 'staff_1' } })
    expect(answered.created).toBe(true)
    expect(stream.emulator.listWebhookDeliveries()[0]!.status).toBe('pending')
    letGo()
    await stream.emulator.whenWebhooksDelivered()
    expect(stream.emulator.listWebhookDeliveries()[0]!.status).toBe('delivered')
  })

  it('sends nothing without a webhook URL, and says so', async () => {
    stream.emulator.setWebhookUrl(undefined)
    await client.video.call('webinar', 'wbn_quiet').getOrCreate({ data: { created_by_id: 'staff_1' } })
    await stream.emulator.whenWebhooksDelivered()
    expect(receiver.received).toHaveLength(0)
    expect(stream.emulator.listWebhookDeliveries().map((delivery) => delivery.status)).toEqual(['skipped'])
  })
})
