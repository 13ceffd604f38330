import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { StandaloneStreamEmulator } from '../../src/stream-emulator/stream-emulator.ts'
import { failureOf, streamCallers } from './stream-callers.ts'
import { startEmulatorWithReceiver } from './webhook-receiver.ts'

// What a call lets the server do as its settings and life cycle go: HLS, recording and captions only when its
// settings allow them, nothing changed once it has ended, gone once deleted. Through the real node-sdk.

const keys = { apiKey: 'life-cycle-test-key', apiSecret: 'life-cycle-test-secret-0123456789abcdef' }
const hls = { enabled: true, hls: { enabled: true, quality_tracks: ['720p' as const] } }

let setup: Awaited<ReturnType<typeof startEmulatorWithReceiver>>
let stream: StandaloneStreamEmulator
let receiver: typeof setup.receiver
let client: ReturnType<typeof streamCallers>['server']
beforeAll(async () => {
  setup = await startEmulatorWithReceiver(keys)
  ;({ stream, receiver } = setup)
  client = streamCallers(keys, stream.url).server
})
afterAll(() => setup.close())
beforeEach(async () => {
  setup.reset()
  await client.upsertUsers([{ id: 'staff_1' }])
  await client.video.createCallType({ name: 'webinar', settings: { backstage: { enabled: true }, broadcasting: hls } })
})

async function createCall(id: string, settingsOverride: Record<string, unknown> = {}) {
  const call = client.video.call('webinar', id)
  await call.getOrCreate({ data: { created_by_id: 'staff_1', settings_override: settingsOverride } })
  return call
}

/** The webhook events from here on. */
async function startListening() {
  await stream.emulator.whenWebhooksDelivered()
  receiver.clear()
}

async function eventTypes() {
  await stream.emulator.whenWebhooksDelivered()
  return receiver.typesReceived()
}

describe('HLS', () => {
  it('is refused when the call type or the call’s settings_override turns broadcasting or HLS off', async () => {
    await client.video.createCallType({ name: 'no_hls', settings: { backstage: { enabled: true } } })
    const plain = client.video.call('no_hls', 'a')
    await plain.getOrCreate({ data: { created_by_id: 'staff_1' } })
    const refused = await failureOf(plain.goLive({ start_hls: true }))
    expect(refused).toMatchObject({ code: 4, metadata: { responseCode: 400 } })
    expect(refused.message).toContain('HLS broadcasting is disabled')
    // Refused before anything happened: the call did not go live.
    expect(stream.emulator.getCall('no_hls', 'a')).toMatchObject({ backstage: true, live: false })
    expect(await failureOf(plain.startHLSBroadcasting())).toMatchObject({ code: 4 })

    const hlsOff = await createCall('b', { broadcasting: { hls: { enabled: false, quality_tracks: ['720p'] } } })
    expect(await failureOf(hlsOff.goLive({ start_hls: true }))).toMatchObject({ code: 4 })
    const broadcastingOff = await createCall('c', { broadcasting: { enabled: false } })
    expect(await failureOf(broadcastingOff.goLive({ start_hls: true }))).toMatchObject({ code: 4 })
    // Going live without HLS is fine.
    expect((await broadcastingOff.goLive({})).call.backstage).toBe(false)
  })

  it('starts and stops on its own (StartHLSBroadcasting, StopHLSBroadcasting)', async () => {
    const call = await createCall('d')
    await startListening()
    const { playlist_url: playlistUrl } = await call.startHLSBroadcasting()
    expect(playlistUrl).toMatch(/\/hls\/webinar\/d\/.+\/playlist\.m3u8$/)
    expect((await call.get()).call.egress).toMatchObject({ broadcasting: true, hls: { playlist_url: playlistUrl } })
    await call.stopHLSBroadcasting()
    expect((await call.get()).call.egress.broadcasting).toBe(false)
    expect(await eventTypes()).toEqual(['call.hls_broadcasting_started', 'call.hls_broadcasting_stopped'])
  })
})

describe('recording', () => {
  it('starts and stops on its own, and is refused when its mode is disabled', async () => {
    const call = await createCall('rec')
    await call.startRecording({ recording_type: 'composite' })
    expect((await call.get()).call.recording).toBe(true)
    await call.stopRecording({ recording_type: 'composite' })
    expect((await call.get()).call.recording).toBe(false)

    const disabled = await createCall('no_rec', { recording: { mode: 'disabled' } })
    expect(await failureOf(disabled.goLive({ start_recording: true }))).toMatchObject({ code: 4, metadata: { responseCode: 400 } })
    expect(await failureOf(disabled.startRecording({ recording_type: 'composite' }))).toMatchObject({ code: 4 })
  })
})

describe('closed captions', () => {
  it('turn on and off, show as the call’s `captioning`, and are announced', async () => {
    const call = await createCall('cc')
    await startListening()
    expect((await call.get()).call.captioning).toBe(false)
    await call.startClosedCaptions({ language: 'en' })
    await call.startClosedCaptions({}) // already on: harmless
    expect((await call.get()).call.captioning).toBe(true)
    await call.stopClosedCaptions({})
    expect((await call.get()).call.captioning).toBe(false)
    expect(await eventTypes()).toEqual(['call.closed_captions_started', 'call.closed_captions_stopped'])
  })

  it('start with go_live when asked, stop with stop_live unless continued, and are refused when disabled', async () => {
    const call = await createCall('cc_live')
    expect((await call.goLive({ start_closed_caption: true })).call.captioning).toBe(true)
    expect((await call.stopLive({ continue_closed_caption: true })).call.captioning).toBe(true)
    expect((await call.stopLive({})).call.captioning).toBe(false)

    const disabled = await createCall('cc_off', { transcription: { closed_caption_mode: 'disabled' } })
    const refused = await failureOf(disabled.startClosedCaptions({}))
    expect(refused).toMatchObject({ code: 4, metadata: { responseCode: 400 } })
    expect(refused.message).toContain('closed_caption_mode')
    expect(await failureOf(disabled.goLive({ start_closed_caption: true }))).toMatchObject({ code: 4 })
  })

  it('start with the session when auto-on', async () => {
    await createCall('cc_auto', { transcription: { closed_caption_mode: 'auto-on' } })
    expect(stream.emulator.getCall('webinar', 'cc_auto')!.captioning).toBe(false)
    stream.emulator.joinParticipant('webinar', 'cc_auto', 'staff_1', { role: 'host' })
    expect(stream.emulator.getCall('webinar', 'cc_auto')!.captioning).toBe(true)
  })
})

describe('an ended call', () => {
  it('refuses every change, but ends again harmlessly and can still be read and deleted', async () => {
    await client.upsertUsers([{ id: 'reg_1' }])
    const call = await createCall('over')
    await call.goLive({ start_hls: true, start_recording: true, start_closed_caption: true })
    await call.end()
    const ended = await call.get()
    expect(ended.call).toMatchObject({ recording: false, captioning: false, egress: { broadcasting: false } })

    const refusals = await Promise.all([
      failureOf(call.update({ custom: { title: 'late' } })),
      failureOf(call.goLive({})),
      failureOf(call.stopLive({})),
      failureOf(call.updateCallMembers({ update_members: [{ user_id: 'reg_1' }] })),
      failureOf(call.startRecording({ recording_type: 'composite' })),
      failureOf(call.startHLSBroadcasting()),
      failureOf(call.startClosedCaptions({})),
    ])
    for (const refusal of refusals) {
      expect(refusal).toMatchObject({ code: 4, metadata: { responseCode: 400 } })
      expect(refusal.message).toContain('has ended')
    }
    await call.end()
    await call.delete({})
  })
})

describe('deleting a call', () => {
  it('makes it a 404, sends call.deleted after everyone left, and lets getOrCreate make a new one', async () => {
    const call = await createCall('gone')
    await call.goLive({})
    stream.emulator.joinParticipant('webinar', 'gone', 'staff_1', { role: 'host' })
    await startListening()
    const deleted = await call.delete({ hard: true })
    expect(deleted.task_id).toBeTruthy()
    expect(await failureOf(call.get())).toMatchObject({ code: 16, metadata: { responseCode: 404 } })
    expect(await failureOf(call.goLive({}))).toMatchObject({ code: 16 })
    expect(await failureOf(call.delete({}))).toMatchObject({ code: 16 })
    expect(await eventTypes()).toEqual(['call.session_participant_left', 'call.session_ended', 'call.deleted'])

    const again = await call.getOrCreate({ data: { created_by_id: 'staff_1' } })
    expect(again.created).toBe(true)
    expect(again.call).toMatchObject({ backstage: true, session: null })
    expect(again.call.created_at.getTime()).toBeGreaterThanOrEqual(deleted.call.created_at.getTime())
  })
})

describe('ingress', () => {
  it('gives every call RTMP, WHIP and SRT addresses shaped like Stream’s, on the emulator’s host', async () => {
    const { call } = await (await createCall('obs')).get()
    const host = new URL(stream.url).hostname
    expect(call.ingress.rtmp.address).toBe(`rtmp://${host}:1935/${keys.apiKey}.webinar.obs`)
    expect(call.ingress.whip.address).toBe(`${stream.url}/whip/${keys.apiKey}.webinar.obs`)
    expect(call.ingress.srt.address).toMatch(new RegExp(`^srt://${host}:7001\\?streamid=${keys.apiKey}\\.webinar\\.obs`))
  })
})
