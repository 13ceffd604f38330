import { createHmac, randomUUID } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import { StreamClient } from '@stream-io/node-sdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, csrfHeaders, setUpOwner, streamTestKeys, type TestApp } from './support/test-app.ts'
import { waitFor } from './support/wait-for.ts'

let testApp: TestApp
let ownerCookie: string
beforeAll(async () => {
  testApp = await createTestApp()
  ownerCookie = await setUpOwner(testApp.app)
})
afterAll(() => testApp.close())

const sign = (body: Buffer | string) => createHmac('sha256', streamTestKeys.apiSecret).update(body).digest('hex')

function deliver(body: Buffer | string, headers: Record<string, string>) {
  return testApp.app.inject({ method: 'POST', url: '/api/stream/webhooks', payload: body, headers: { 'content-type': 'application/json', ...headers } })
}

async function createWebinar(title: string) {
  const response = await testApp.app.inject({
    method: 'POST',
    url: '/api/webinars',
    headers: { cookie: ownerCookie, ...csrfHeaders },
    payload: { title, startTime: new Date(Date.now() + 86_400_000).toISOString(), timezone: 'UTC', durationMinutes: 30 },
  })
  return response.json()
}

async function storedEvents(webhookId: string) {
  const { rows } = await testApp.database.pool.query('select * from stream_webhook_events where webhook_id = $1', [webhookId])
  return rows
}

describe('Stream webhooks in', () => {
  it('refuses a missing or wrong signature with 401 and stores nothing', async () => {
    const body = JSON.stringify({ type: 'call.ended', call_cid: 'webinar:x', created_at: new Date().toISOString() })
    const missing = await deliver(body, { 'x-webhook-id': 'missing-signature' })
    expect(missing.statusCode).toBe(401)
    const wrong = await deliver(body, { 'x-signature': sign(body + ' '), 'x-webhook-id': 'wrong-signature' })
    expect(wrong.statusCode).toBe(401)
    expect(wrong.json().error.code).toBe('unauthenticated')
    expect(await storedEvents('wrong-signature')).toHaveLength(0)
  })

  it('processes the same X-WEBHOOK-ID once, however often Stream retries it', async () => {
    const webinar = await createWebinar('Webhook dedupe')
    const body = JSON.stringify({
      type: 'call.hls_broadcasting_started',
      call_cid: webinar.streamCallCid,
      created_at: new Date().toISOString(),
      hls_playlist_url: 'https://hls.example.com/first.m3u8',
    })
    const webhookId = randomUUID()
    const first = await deliver(body, { 'x-signature': sign(body), 'x-webhook-id': webhookId })
    expect(first.json()).toEqual({ status: 'processed' })

    const retriedBody = body.replace('first', 'second')
    const retry = await deliver(retriedBody, { 'x-signature': sign(retriedBody), 'x-webhook-id': webhookId, 'x-webhook-attempt': '2' })
    expect(retry.statusCode).toBe(200)
    expect(retry.json()).toEqual({ status: 'duplicate' })
    expect(await storedEvents(webhookId)).toHaveLength(1)
    const current = await testApp.app.inject({ method: 'GET', url: `/api/webinars/${webinar.id}`, headers: { cookie: ownerCookie } })
    expect(current.json().hlsPlaylistUrl).toBe('https://hls.example.com/first.m3u8')
  })

  it('does nothing with a signed event replayed under a new X-WEBHOOK-ID, nor with one more than a day old', async () => {
    const webinar = await createWebinar('Webhook replay')
    const live = JSON.stringify({ type: 'call.live_started', call_cid: webinar.streamCallCid, created_at: new Date().toISOString() })
    const first = await deliver(live, { 'x-signature': sign(live), 'x-webhook-id': randomUUID() })
    expect(first.json()).toEqual({ status: 'processed' })
    const replayed = await deliver(live, { 'x-signature': sign(live), 'x-webhook-id': randomUUID() })
    expect(replayed.json()).toEqual({ status: 'duplicate' })

    const other = await createWebinar('Old news')
    const old = JSON.stringify({ type: 'call.live_started', call_cid: other.streamCallCid, created_at: new Date(Date.now() - 2 * 86_400_000).toISOString() })
    const stale = await deliver(old, { 'x-signature': sign(old), 'x-webhook-id': randomUUID() })
    expect(stale.json()).toEqual({ status: 'stored' })
    const current = await testApp.app.inject({ method: 'GET', url: `/api/webinars/${other.id}`, headers: { cookie: ownerCookie } })
    expect(current.json().status).toBe('scheduled')
  })

  it('accepts gzip-compressed bodies signed over the uncompressed JSON', async () => {
    const json = JSON.stringify({ type: 'call.session_started', call_cid: 'webinar:elsewhere', created_at: new Date().toISOString() })
    const response = await deliver(gzipSync(json), { 'x-signature': sign(json), 'x-webhook-id': 'gzipped', 'content-encoding': 'gzip' })
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json()).toEqual({ status: 'stored' })
  })

  it('follows the host going live and ending from elsewhere, through the emulator’s signed webhooks', async () => {
    const webinar = await createWebinar('Driven from elsewhere')
    const stream = new StreamClient(streamTestKeys.apiKey, streamTestKeys.apiSecret, { basePath: testApp.streamUrl })
    const call = stream.video.call(webinar.streamCallType, webinar.streamCallId)

    await call.goLive({})
    await testApp.emulator.whenWebhooksDelivered()
    const live = await waitFor(async () => {
      const current = (await testApp.app.inject({ method: 'GET', url: `/api/webinars/${webinar.id}`, headers: { cookie: ownerCookie } })).json()
      return current.status === 'live' ? current : undefined
    })
    expect(live.liveStartedAt).toBeTruthy()

    await call.end()
    await testApp.emulator.whenWebhooksDelivered()
    const ended = await waitFor(async () => {
      const current = (await testApp.app.inject({ method: 'GET', url: `/api/webinars/${webinar.id}`, headers: { cookie: ownerCookie } })).json()
      return current.status === 'ended' ? current : undefined
    })
    expect(ended.endedAt).toBeTruthy()
  })

  it('stores participant and recording events raw, attendance to be rebuilt from them, and applies the recording', async () => {
    const webinar = await createWebinar('Attendance later')
    // In backstage only the host (a member with the host role) may join.
    const hostUserId = `staff_${webinar.host.id}`
    await testApp.emulator.joinParticipant(webinar.streamCallType, webinar.streamCallId, hostUserId)
    await testApp.emulator.leaveParticipant(webinar.streamCallType, webinar.streamCallId, hostUserId)
    await testApp.emulator.makeRecordingReady(webinar.streamCallType, webinar.streamCallId)
    await testApp.emulator.whenWebhooksDelivered()
    const { rows } = await testApp.database.pool.query<{ type: string; processed_at: Date | null }>(
      'select type, processed_at from stream_webhook_events where call_cid = $1 order by received_at',
      [webinar.streamCallCid],
    )
    const types = rows.map((row) => row.type)
    expect(types).toEqual(
      expect.arrayContaining(['call.session_participant_joined', 'call.session_participant_left', 'call.recording_ready']),
    )
    // Participant events make attendance, a projection rebuilt from them at will: they stay unmarked. The recording
    // became the webinar's (the replay): processed.
    const isProcessed = Object.fromEntries(rows.map((row) => [row.type, row.processed_at !== null]))
    expect(isProcessed).toMatchObject({ 'call.session_participant_joined': false, 'call.session_participant_left': false, 'call.recording_ready': true })
  })
})
