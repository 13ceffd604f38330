import { StreamClient } from '@stream-io/node-sdk'
import { createSigner } from 'fast-jwt'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { startStandaloneStreamEmulator, type StandaloneStreamEmulator } from '../../src/stream-emulator/stream-emulator.ts'
import { failureOf } from './stream-callers.ts'

const keys = { apiKey: 'emulator-test-key', apiSecret: 'emulator-test-secret-0123456789abcdef' }

const hostCapabilities = ['join-call', 'join-backstage', 'read-call', 'send-audio', 'send-video', 'screenshare', 'start-broadcast-call', 'stop-broadcast-call', 'start-record-call', 'stop-record-call', 'end-call', 'update-call']
const viewerCapabilities = ['join-call', 'read-call']
const webinarType = {
  name: 'webinar',
  grants: { host: hostCapabilities, viewer: viewerCapabilities, call_member: viewerCapabilities, user: viewerCapabilities },
  settings: {
    backstage: { enabled: true },
    recording: { mode: 'available' as const },
    broadcasting: { enabled: true, hls: { enabled: true, quality_tracks: ['720p' as const] } },
  },
}

let stream: StandaloneStreamEmulator
let client: StreamClient
beforeAll(async () => {
  stream = await startStandaloneStreamEmulator(keys)
  client = new StreamClient(keys.apiKey, keys.apiSecret, { basePath: stream.url })
})
afterAll(() => stream.close())
beforeEach(() => stream.emulator.reset())

const inAnHour = () => new Date(Date.now() + 3600_000)

describe('a webinar call through the real node-sdk', () => {
  it('runs the whole life cycle, every request inside Stream’s OpenAPI contract', async () => {
    expect(stream.emulator.openApiVersion).toMatch(/^v\d+/)
    await client.createRole({ name: 'viewer' })
    const created = await client.video.createCallType(webinarType)
    expect(created.grants.viewer).toEqual(viewerCapabilities)
    expect((await client.video.getCallType({ name: 'webinar' })).settings.backstage.enabled).toBe(true)
    expect(Object.keys((await client.video.listCallTypes()).call_types)).toEqual(expect.arrayContaining(['default', 'livestream', 'webinar']))
    await client.upsertUsers([{ id: 'staff_1', name: 'Hannah Host' }])

    const call = client.video.call('webinar', 'wbn_lifecycle')
    const startsAt = inAnHour()
    const first = await call.getOrCreate({
      data: {
        created_by_id: 'staff_1',
        starts_at: startsAt,
        custom: { webinarId: 'w1', title: 'Lifecycle', capacity: 100 },
        members: [{ user_id: 'staff_1', role: 'host' }],
        settings_override: { backstage: { enabled: true, join_ahead_time_seconds: 600 } },
      },
    })
    expect(first.created).toBe(true)
    expect(first.call).toMatchObject({ cid: 'webinar:wbn_lifecycle', backstage: true, recording: false, custom: { title: 'Lifecycle' } })
    expect(first.call.starts_at?.toISOString()).toBe(startsAt.toISOString())
    expect(first.call.created_by.id).toBe('staff_1')
    expect(first.call.created_by.name).toBe('Hannah Host')
    expect(first.call.settings.backstage.join_ahead_time_seconds).toBe(600)
    expect(first.members.map((member) => [member.user_id, member.role])).toEqual([['staff_1', 'host']])
    expect(first.own_capabilities).toEqual([])
    expect(first.duration).toMatch(/ms$/)

    const second = await call.getOrCreate({ data: { created_by_id: 'staff_1', custom: { ignored: true } } })
    expect(second.created).toBe(false)
    expect(second.call.custom).toEqual(first.call.custom)
    expect(second.call.created_at.getTime()).toBe(first.call.created_at.getTime())

    const newStart = new Date(startsAt.getTime() + 86_400_000)
    const updated = await call.update({ starts_at: newStart, custom: { webinarId: 'w1', title: 'Rescheduled' } })
    expect(updated.call.starts_at?.toISOString()).toBe(newStart.toISOString())
    expect(updated.call.custom).toEqual({ webinarId: 'w1', title: 'Rescheduled' })
    expect(updated.call.backstage).toBe(true)

    const live = await call.goLive({ start_hls: true, start_recording: true })
    expect(live.call.backstage).toBe(false)
    expect(live.call.recording).toBe(true)
    expect(live.call.egress.broadcasting).toBe(true)
    expect(live.call.egress.hls?.playlist_url).toMatch(new RegExp(`^${stream.url}/hls/webinar/wbn_lifecycle/.+\\.m3u8$`))
    const playlist = await fetch(live.call.egress.hls!.playlist_url)
    expect(playlist.status).toBe(200)
    expect(await playlist.text()).toMatch(/^#EXTM3U/)
    expect(stream.emulator.getCall('webinar', 'wbn_lifecycle')).toMatchObject({ live: true, ended: false, recording: true })

    // Starting twice is harmless.
    expect((await call.goLive({ start_hls: true, start_recording: true })).call.egress.hls?.playlist_url).toBe(live.call.egress.hls?.playlist_url)

    const backstage = await call.stopLive({ continue_hls: false, continue_recording: false })
    expect(backstage.call).toMatchObject({ backstage: true, recording: false, egress: { broadcasting: false } })

    await call.end()
    const ended = await call.get()
    expect(ended.call.ended_at).toBeInstanceOf(Date)
    expect(stream.emulator.getCall('webinar', 'wbn_lifecycle')).toMatchObject({ live: false, ended: true, hlsPlaylistUrl: null })
    await call.end() // ending twice changes nothing
    expect((await call.listRecordings()).recordings).toEqual([])

    await call.delete({ hard: true })
    expect((await failureOf(call.get())).code).toBe(16)

    expect(stream.emulator.validationFailures()).toEqual([])
    expect(stream.emulator.listRequests().map((request) => `${request.operation} ${request.status}`)).toEqual([
      'CreateRole 201',
      'CreateCallType 201',
      'GetCallType 200',
      'ListCallTypes 200',
      'UpdateUsers 201',
      'GetOrCreateCall 201',
      'GetOrCreateCall 201',
      'UpdateCall 200',
      'GoLive 201',
      'GoLive 201',
      'StopLive 201',
      'EndCall 201',
      'GetCall 200',
      'EndCall 201',
      'ListRecordings 200',
      'DeleteCall 201',
      'GetCall 404',
    ])
  })

  it('starts calls of a type without backstage live, and lets settings_override choose', async () => {
    await client.upsertUsers([{ id: 'u' }])
    await client.createRole({ name: 'viewer' })
    await client.video.createCallType({ name: 'open_type', grants: { user: viewerCapabilities } })
    const open = await client.video.call('open_type', 'a').getOrCreate({ data: { created_by_id: 'u' } })
    expect(open.call.backstage).toBe(false)
    const staged = await client.video.call('open_type', 'b').getOrCreate({
      data: { created_by_id: 'u', settings_override: { backstage: { enabled: true } } },
    })
    expect(staged.call.backstage).toBe(true)
    await client.video.createCallType(webinarType)
    const unstaged = await client.video.call('webinar', 'c').getOrCreate({
      data: { created_by_id: 'u', settings_override: { backstage: { enabled: false } } },
    })
    expect(unstaged.call.backstage).toBe(false)
  })

  it('creates a call once when many ask for it at the same time', async () => {
    await client.upsertUsers([{ id: 'staff_1' }])
    await client.createRole({ name: 'viewer' })
    await client.video.createCallType(webinarType)
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => client.video.call('webinar', 'wbn_race').getOrCreate({ data: { created_by_id: 'staff_1' } })),
    )
    expect(answers.filter((answer) => answer.created)).toHaveLength(1)
  })
})

describe('refusals, shaped like Stream’s', () => {
  beforeEach(async () => {
    await client.upsertUsers([{ id: 'staff_1' }, { id: 'u' }])
    await client.createRole({ name: 'viewer' })
    await client.video.createCallType(webinarType)
  })

  it('refuses an unknown field with 400, names it, and records the validation failure', async () => {
    const call = client.video.call('webinar', 'wbn_typo')
    const failure = await failureOf(call.getOrCreate({ data: { created_by_id: 'staff_1', scheduled_for: inAnHour() } } as never))
    expect(failure.metadata?.responseCode).toBe(400)
    expect(failure.code).toBe(4)
    expect(failure.message).toContain('data.scheduled_for')
    const [recorded] = stream.emulator.validationFailures()
    expect(recorded).toMatchObject({ method: 'POST', path: '/api/v2/video/call/webinar/wbn_typo', status: 400, operation: 'GetOrCreateCall' })
    expect(recorded!.validationErrors).toEqual([{ field: 'data.scheduled_for', message: 'is not a known field' }])
    expect(stream.emulator.getCall('webinar', 'wbn_typo')).toBeUndefined()
  })

  it('refuses wrong types and missing required fields, with the field in the message', async () => {
    const call = client.video.call('webinar', 'wbn_types')
    const wrongType = await failureOf(call.getOrCreate({ data: { created_by_id: 'staff_1' } }).then(() => call.goLive({ start_hls: 'yes' } as never)))
    expect(wrongType).toMatchObject({ code: 4, metadata: { responseCode: 400 } })
    expect(wrongType.message).toContain('start_hls must be of type boolean')

    const missingMember = await failureOf(call.update({ settings_override: { broadcasting: { hls: { enabled: true } } } } as never))
    expect(missingMember.message).toContain('settings_override.broadcasting.hls.quality_tracks is a required field')

    const missingName = await failureOf(client.video.createCallType({} as never))
    expect(missingName.message).toContain('name is a required field')

    const badDate = await failureOf(call.update({ starts_at: 'next tuesday' } as never))
    expect(badDate.message).toContain('starts_at must be an RFC 3339 date-time or a number')
    expect(stream.emulator.validationFailures()).toHaveLength(4)
  })

  it('takes timestamps as RFC 3339 strings or as nanoseconds since the epoch', async () => {
    const call = client.video.call('webinar', 'wbn_times')
    await call.getOrCreate({ data: { created_by_id: 'staff_1', starts_at: '2031-05-01T10:00:00+02:00' as never } })
    expect(stream.emulator.getCall('webinar', 'wbn_times')!.starts_at).toBe('2031-05-01T08:00:00.000Z')
    await call.update({ starts_at: Date.parse('2031-06-01T08:00:00Z') * 1e6 as never })
    expect(stream.emulator.getCall('webinar', 'wbn_times')!.starts_at).toBe('2031-06-01T08:00:00.000Z')
  })

  it('refuses calls of an unknown type and unknown calls with code 16 (404)', async () => {
    const unknownType = await failureOf(client.video.call('no_such_type', 'x').getOrCreate({ data: { created_by_id: 'u' } }))
    expect(unknownType).toMatchObject({ code: 16, metadata: { responseCode: 404 } })
    expect(unknownType.message).toContain('call type no_such_type does not exist')
    expect(await failureOf(client.video.call('webinar', 'never_created').get())).toMatchObject({ code: 16, metadata: { responseCode: 404 } })
    expect(await failureOf(client.video.call('webinar', 'never_created').end())).toMatchObject({ code: 16 })
    expect(await failureOf(client.video.getCallType({ name: 'no_such_type' }))).toMatchObject({ code: 16, metadata: { responseCode: 404 } })
  })

  it('keeps call types like Stream: no duplicates, unknown capabilities refused, grants replaced role by role', async () => {
    expect(await failureOf(client.video.createCallType(webinarType))).toMatchObject({ code: 4, metadata: { responseCode: 400 } })
    const typo = await failureOf(client.video.createCallType({ name: 'typo', grants: { host: ['go-live'] } }))
    expect(typo.message).toContain('unknown capabilities: go-live')

    const updated = await client.video.updateCallType({ name: 'webinar', grants: { viewer: ['join-call'] }, settings: { backstage: { enabled: false } } })
    expect(updated.grants.viewer).toEqual(['join-call'])
    expect(updated.grants.host).toEqual(hostCapabilities)
    expect(updated.settings.backstage.enabled).toBe(false)
    expect(updated.settings.broadcasting.hls.enabled).toBe(true)

    await client.video.deleteCallType({ name: 'webinar' })
    expect(await failureOf(client.video.getCallType({ name: 'webinar' }))).toMatchObject({ code: 16 })
  })

  it('needs a creator for a new call and a valid call id', async () => {
    const noCreator = await failureOf(client.video.call('webinar', 'wbn_orphan').getOrCreate({ data: { custom: {} } }))
    expect(noCreator).toMatchObject({ code: 4, metadata: { responseCode: 400 } })
    expect(noCreator.message).toContain('created_by_id')
    const badId = await failureOf(client.video.call('webinar', 'has spaces').getOrCreate({ data: { created_by_id: 'u' } }))
    expect(badId).toMatchObject({ code: 4, metadata: { responseCode: 400 } })
  })

  it('will not take an ended call live again', async () => {
    const call = client.video.call('webinar', 'wbn_over')
    await call.getOrCreate({ data: { created_by_id: 'staff_1' } })
    await call.end()
    const failure = await failureOf(call.goLive({ start_hls: true }))
    expect(failure).toMatchObject({ code: 4, metadata: { responseCode: 400 } })
    expect(failure.message).toContain('has ended')
    expect(() => stream.emulator.joinParticipant('webinar', 'wbn_over', 'late_viewer')).toThrow(/has ended/)
  })

  it('applies backstage and join rules to every participant', async () => {
    const call = client.video.call('webinar', 'wbn_rules')
    await call.getOrCreate({ data: { created_by_id: 'staff_1', starts_at: inAnHour(), members: [{ user_id: 'staff_1', role: 'host' }] } })
    expect(() => stream.emulator.joinParticipant('webinar', 'wbn_rules', 'viewer_1', { role: 'viewer' })).toThrow(/backstage/)
    expect(stream.emulator.joinParticipant('webinar', 'wbn_rules', 'staff_1').role).toBe('host')
    await call.goLive({})
    expect(stream.emulator.joinParticipant('webinar', 'wbn_rules', 'viewer_1', { role: 'viewer' }).role).toBe('viewer')
    expect(stream.emulator.getCall('webinar', 'wbn_rules')!.participants.map((participant) => participant.userId)).toEqual(['staff_1', 'viewer_1'])
  })
})

describe('server-side authentication', () => {
  const signServerToken = createSigner({ key: keys.apiSecret, algorithm: 'HS256', noTimestamp: true })
  const getCallTypes = (query: string, headers: Record<string, string>) => fetch(`${stream.url}/api/v2/video/calltypes${query}`, { headers })

  it('answers 401 for a wrong api_key, with Stream’s error body', async () => {
    const failure = await failureOf(new StreamClient('someone-else', keys.apiSecret, { basePath: stream.url }).video.listCallTypes())
    expect(failure).toMatchObject({ code: 2, metadata: { responseCode: 401 } })
    const response = await getCallTypes('', { authorization: signServerToken({ server: true }), 'stream-auth-type': 'jwt' })
    expect(response.status).toBe(401)
    expect(await response.json()).toEqual({
      code: 2,
      message: expect.stringContaining('api_key'),
      StatusCode: 401,
      duration: expect.stringMatching(/ms$/),
      more_info: expect.stringMatching(/^https:\/\//),
      details: [],
    })
  })

  it('answers 401 for a token signed with another secret', async () => {
    const failure = await failureOf(new StreamClient(keys.apiKey, 'not-the-secret-at-all', { basePath: stream.url }).video.listCallTypes())
    expect(failure).toMatchObject({ code: 43, metadata: { responseCode: 401 } })
  })

  it('answers 401 without a token, with "Bearer", or with a user token', async () => {
    const query = `?api_key=${keys.apiKey}`
    const serverToken = signServerToken({ server: true })
    const userToken = client.generateUserToken({ user_id: 'someone' })
    const answers = await Promise.all([
      getCallTypes(query, { 'stream-auth-type': 'jwt' }),
      getCallTypes(query, { authorization: `Bearer ${serverToken}`, 'stream-auth-type': 'jwt' }),
      getCallTypes(query, { authorization: userToken, 'stream-auth-type': 'jwt' }),
      getCallTypes(query, { authorization: 'not.a.jwt', 'stream-auth-type': 'jwt' }),
      getCallTypes(query, { authorization: serverToken }),
    ])
    expect(answers.map((answer) => answer.status)).toEqual([401, 401, 401, 401, 401])
    const bodies = await Promise.all(answers.map((answer) => answer.json() as Promise<{ code: number }>))
    expect(bodies.every((body) => body.code === 5)).toBe(true)
    expect((await getCallTypes(query, { authorization: serverToken, 'stream-auth-type': 'jwt' })).status).toBe(200)
  })

  it('answers a path Stream has but the emulator does not emulate with a 404 that says so', async () => {
    const failure = await failureOf(client.video.queryCalls({}))
    expect(failure).toMatchObject({ code: 16, metadata: { responseCode: 404 } })
    expect(failure.message).toContain('does not implement QueryCalls')
  })
})

describe('fault injection', () => {
  beforeEach(async () => {
    await client.upsertUsers([{ id: 'staff_1' }])
    await client.createRole({ name: 'viewer' })
    await client.video.createCallType(webinarType)
  })

  it('fails the next N requests with the status asked for, then answers again', async () => {
    stream.emulator.injectFaults({ failNext: 3, status: 503 })
    const call = client.video.call('webinar', 'wbn_flaky')
    const attempt = () => call.getOrCreate({ data: { created_by_id: 'staff_1' } })
    for (let index = 0; index < 3; index++) {
      expect(await failureOf(attempt())).toMatchObject({ code: -1, metadata: { responseCode: 503 } })
    }
    expect((await attempt()).created).toBe(true)
    const faulted = stream.emulator.listRequests().filter((request) => request.fault === 'fail')
    expect(faulted.map((request) => request.status)).toEqual([503, 503, 503])
  })

  it('makes requests hang until the SDK times out, and lets them go when cleared', async () => {
    const impatient = new StreamClient(keys.apiKey, keys.apiSecret, { basePath: stream.url, timeout: 300 })
    stream.emulator.injectFaults({ hang: true })
    const started = Date.now()
    const failure = await failureOf(impatient.video.call('webinar', 'wbn_hang').getOrCreate({ data: { created_by_id: 'staff_1' } }))
    expect(failure.code).toBeUndefined()
    expect(failure.message).toMatch(/timeout/)
    expect(Date.now() - started).toBeGreaterThanOrEqual(290)
    stream.emulator.clearFaults()
    expect((await impatient.video.call('webinar', 'wbn_hang').getOrCreate({ data: { created_by_id: 'staff_1' } })).created).toBe(true)
  })

  it('adds latency, and finishes work whose caller stopped waiting (as Stream does)', async () => {
    stream.emulator.injectFaults({ delayMs: 400 })
    const impatient = new StreamClient(keys.apiKey, keys.apiSecret, { basePath: stream.url, timeout: 150 })
    await failureOf(impatient.video.call('webinar', 'wbn_slow').getOrCreate({ data: { created_by_id: 'staff_1' } }))
    expect(stream.emulator.getCall('webinar', 'wbn_slow')).toBeUndefined()
    await vi.waitFor(() => expect(stream.emulator.getCall('webinar', 'wbn_slow')).toBeDefined(), { timeout: 2000, interval: 20 })
    stream.emulator.clearFaults()
  })

  it('closes promptly with hanging requests in flight, answering them 503', async () => {
    const own = await startStandaloneStreamEmulator(keys)
    const patient = new StreamClient(keys.apiKey, keys.apiSecret, { basePath: own.url, timeout: 10_000 })
    own.emulator.injectFaults({ hang: true })
    const pending = failureOf(patient.video.listCallTypes())
    await vi.waitFor(() => expect(own.emulator.listRequests()).toHaveLength(1), { timeout: 2000, interval: 10 })
    const closing = Date.now()
    await own.close()
    expect(Date.now() - closing).toBeLessThan(1000)
    expect((await pending).metadata?.responseCode).toBe(503)
  })
})
