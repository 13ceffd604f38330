import jwt from 'jsonwebtoken'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, csrfHeaders, sessionCookieOf, setUpOwner, streamTestKeys, type TestApp } from './support/test-app.ts'
import { waitFor } from './support/wait-for.ts'

let testApp: TestApp
let ownerCookie: string
let hostCookie: string
let hostId: string
beforeAll(async () => {
  testApp = await createTestApp()
  ownerCookie = await setUpOwner(testApp.app)
  const host = await testApp.app.inject({
    method: 'POST',
    url: '/api/users',
    headers: { cookie: ownerCookie, ...csrfHeaders },
    payload: { email: 'host@example.com', name: 'Hana Host', password: 'host password 1', role: 'host' },
  })
  hostId = host.json().id
  const login = await testApp.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'host@example.com', password: 'host password 1' } })
  hostCookie = sessionCookieOf(login)
})
afterAll(() => testApp.close())
// A test that stops early must not leave its injected faults to the next one.
afterEach(() => testApp.emulator.clearFaults())

const inAWeek = () => new Date(Date.now() + 7 * 24 * 3600 * 1000)
const validWebinar = (overrides: Record<string, unknown> = {}) => ({
  title: 'Quarterly Product Update',
  description: 'What shipped, what is next.',
  startTime: inAWeek().toISOString(),
  timezone: 'Europe/Paris',
  durationMinutes: 60,
  ...overrides,
})

function as(cookie: string) {
  return { cookie, ...csrfHeaders }
}

async function createWebinar(cookie = ownerCookie, overrides: Record<string, unknown> = {}) {
  const response = await testApp.app.inject({ method: 'POST', url: '/api/webinars', headers: as(cookie), payload: validWebinar(overrides) })
  expect(response.statusCode, response.body).toBe(201)
  return response.json()
}

describe('creating a webinar provisions its Stream call at once', () => {
  it('answers 201 with a ready call in backstage, starting when the webinar starts', async () => {
    const startTime = new Date('2031-03-04T17:00:00.000Z')
    const webinar = await createWebinar(ownerCookie, { startTime: '2031-03-04T18:00:00+01:00', capacity: 250, settings: { joinAheadSeconds: 900 } })
    expect(webinar).toMatchObject({
      slug: 'quarterly-product-update',
      status: 'scheduled',
      provisioning: 'ready',
      streamCallType: 'webinar',
      startTime: startTime.toISOString(),
      settings: { record: true, viewerMode: 'webrtc', captions: false, chat: true, qna: true, joinAheadSeconds: 900 },
    })
    expect(webinar.streamCallId).toMatch(/^wbn_[0-9a-f]{32}$/)
    expect(webinar.registrationForm.fields.map((field: { key: string }) => field.key)).toEqual(['name', 'email', 'mobile'])

    const call = testApp.emulator.getCall(webinar.streamCallType, webinar.streamCallId)!
    expect(call).toBeDefined()
    expect(call.backstage).toBe(true)
    expect(new Date(call.starts_at as string).toISOString()).toBe(startTime.toISOString())
    expect(call.custom).toMatchObject({ webinarId: webinar.id, title: 'Quarterly Product Update', capacity: 250 })
  })

  it('gives 50 concurrent creations with the same title 50 distinct slugs and 50 calls', async () => {
    const responses = await Promise.all(
      Array.from({ length: 50 }, () =>
        testApp.app.inject({ method: 'POST', url: '/api/webinars', headers: as(ownerCookie), payload: validWebinar({ title: 'Same Title' }) }),
      ),
    )
    expect(responses.map((response) => response.statusCode)).toEqual(Array(50).fill(201))
    const webinars = responses.map((response) => response.json())
    expect(new Set(webinars.map((webinar) => webinar.slug)).size).toBe(50)
    expect(webinars.filter((webinar) => webinar.slug === 'same-title')).toHaveLength(1)
    for (const webinar of webinars) expect(testApp.emulator.getCall(webinar.streamCallType, webinar.streamCallId)).toBeDefined()
    expect(webinars.every((webinar) => webinar.provisioning === 'ready')).toBe(true)
  })

  it('answers 201 pending while Stream fails, then a job makes it ready with exactly one call', async () => {
    testApp.emulator.injectFaults({ failNext: 3, status: 503 })
    const webinar = await createWebinar(ownerCookie, { title: 'Resilient Webinar' })
    expect(webinar.provisioning).toBe('pending')
    expect(webinar.provisioningError).toMatch(/Stream refused/)

    const ready = await waitFor(async () => {
      const current = (await testApp.app.inject({ method: 'GET', url: `/api/webinars/${webinar.id}`, headers: as(ownerCookie) })).json()
      return current.provisioning === 'ready' ? current : undefined
    }, 20_000)
    expect(ready.provisioningError).toBeNull()
    const creations = testApp.emulator
      .listRequests()
      .filter((request) => request.method === 'POST' && request.path.endsWith(`/call/webinar/${webinar.streamCallId}`) && request.status === 201)
    expect(creations).toHaveLength(1)
  })
  it('answers 201 pending when Stream hangs past the SDK timeout, and ready once it answers again', async () => {
    testApp.emulator.injectFaults({ hang: true })
    const startedAt = Date.now()
    const webinar = await createWebinar(ownerCookie, { title: 'Slow Stream' })
    expect(Date.now() - startedAt).toBeLessThan(5000)
    expect(webinar.provisioning).toBe('pending')
    expect(webinar.provisioningError).toMatch(/did not answer/)
    testApp.emulator.clearFaults()
    const ready = await waitFor(async () => {
      const current = (await testApp.app.inject({ method: 'GET', url: `/api/webinars/${webinar.id}`, headers: as(ownerCookie) })).json()
      return current.provisioning === 'ready' ? current : undefined
    }, 20_000)
    expect(testApp.emulator.getCall(ready.streamCallType, ready.streamCallId)).toBeDefined()
  })
})

describe('bad webinar input', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['a start time in the past', { startTime: '2020-01-01T10:00:00Z' }, 'startTime'],
    ['a start time without an offset', { startTime: '2031-01-01T10:00:00' }, 'startTime'],
    ['a zero duration', { durationMinutes: 0 }, 'durationMinutes'],
    ['a duration over 24 h', { durationMinutes: 1441 }, 'durationMinutes'],
    ['an unknown timezone', { timezone: 'Mars/Olympus_Mons' }, 'timezone'],
    ['a capacity below 1', { capacity: 0 }, 'capacity'],
    ['an unknown field', { scheduled_for: '2031-01-01T10:00:00Z' }, 'scheduled_for'],
    ['a select without options', { registrationForm: { fields: [{ key: 'name', type: 'text', label: 'Name', required: true }, { key: 'email', type: 'email', label: 'E-mail', required: true }, { key: 'size', type: 'select', label: 'Team size', required: false }] } }, 'registrationForm.fields.2.options'],
    ['a form without e-mail', { registrationForm: { fields: [{ key: 'name', type: 'text', label: 'Name', required: true }, { key: 'company', type: 'text', label: 'Company', required: false }] } }, 'registrationForm.fields'],
    ['duplicate field keys', { registrationForm: { fields: [{ key: 'name', type: 'text', label: 'Name', required: true }, { key: 'email', type: 'email', label: 'E-mail', required: true }, { key: 'email', type: 'text', label: 'Again', required: false }] } }, 'registrationForm.fields.2.key'],
    ['an unknown field type', { registrationForm: { fields: [{ key: 'name', type: 'text', label: 'Name', required: true }, { key: 'email', type: 'email', label: 'E-mail', required: true }, { key: 'x', type: 'rating', label: 'X', required: false }] } }, 'registrationForm.fields.2.type'],
  ]
  it.each(cases)('refuses %s with a 400 naming the field', async (_name, overrides, field) => {
    const response = await testApp.app.inject({ method: 'POST', url: '/api/webinars', headers: as(ownerCookie), payload: validWebinar(overrides) })
    expect(response.statusCode, response.body).toBe(400)
    expect(response.json().error.code).toBe('validation_failed')
    expect(Object.keys(response.json().error.fields)).toContain(field)
  })

  it('answers 404 for an unknown webinar and 400 for a malformed id', async () => {
    const unknown = await testApp.app.inject({ method: 'GET', url: '/api/webinars/00000000-0000-4000-8000-000000000000', headers: as(ownerCookie) })
    expect(unknown.statusCode).toBe(404)
    const malformed = await testApp.app.inject({ method: 'GET', url: '/api/webinars/nope', headers: as(ownerCookie) })
    expect(malformed.statusCode).toBe(400)
  })
})

describe('the life of a webinar, read back from Stream at each step', () => {
  it('edit → start → end keeps the call in step; HLS and recording follow the settings', async () => {
    const webinar = await createWebinar(hostCookie, { title: 'Lifecycle', settings: { viewerMode: 'hls', record: false } })
    const ref = [webinar.streamCallType, webinar.streamCallId] as const

    const newStart = new Date(Date.now() + 3 * 24 * 3600 * 1000)
    newStart.setUTCMilliseconds(0)
    const edited = await testApp.app.inject({
      method: 'PATCH',
      url: `/api/webinars/${webinar.id}`,
      headers: as(hostCookie),
      payload: { title: 'Lifecycle, rescheduled', startTime: newStart.toISOString() },
    })
    expect(edited.statusCode, edited.body).toBe(200)
    expect(edited.json()).toMatchObject({ title: 'Lifecycle, rescheduled', provisioning: 'ready', slug: 'lifecycle' })
    let call = testApp.emulator.getCall(...ref)!
    expect(new Date(call.starts_at as string).toISOString()).toBe(newStart.toISOString())
    expect(call.custom).toMatchObject({ title: 'Lifecycle, rescheduled' })
    expect(call.backstage).toBe(true)

    const started = await testApp.app.inject({ method: 'POST', url: `/api/webinars/${webinar.id}/start`, headers: as(hostCookie) })
    expect(started.statusCode, started.body).toBe(200)
    expect(started.json().status).toBe('live')
    expect(started.json().hlsPlaylistUrl).toMatch(/^https?:\/\//)
    call = testApp.emulator.getCall(...ref)!
    expect(call.backstage).toBe(false)
    expect(call.recording).toBe(false)
    expect(call.hlsPlaylistUrl ?? call.egress?.hls?.playlist_url).toBeTruthy()

    const startedAgain = await testApp.app.inject({ method: 'POST', url: `/api/webinars/${webinar.id}/start`, headers: as(hostCookie) })
    expect(startedAgain.statusCode).toBe(200)
    expect(startedAgain.json().status).toBe('live')

    const reschedule = await testApp.app.inject({
      method: 'PATCH',
      url: `/api/webinars/${webinar.id}`,
      headers: as(hostCookie),
      payload: { startTime: inAWeek().toISOString() },
    })
    expect(reschedule.statusCode).toBe(409)

    const ended = await testApp.app.inject({ method: 'POST', url: `/api/webinars/${webinar.id}/end`, headers: as(hostCookie) })
    expect(ended.statusCode, ended.body).toBe(200)
    expect(ended.json().status).toBe('ended')
    call = testApp.emulator.getCall(...ref)!
    expect(call.ended_at).toBeTruthy()
    expect((await testApp.app.inject({ method: 'POST', url: `/api/webinars/${webinar.id}/end`, headers: as(hostCookie) })).statusCode).toBe(200)
    const restart = await testApp.app.inject({ method: 'POST', url: `/api/webinars/${webinar.id}/start`, headers: as(hostCookie) })
    expect(restart.statusCode).toBe(409)
    expect(restart.json().error.message).toMatch(/ended/)
  })

  it('ends the call even when Stream refuses to stop the broadcast first', async () => {
    const webinar = await createWebinar(ownerCookie, { title: 'Stubborn broadcast', settings: { viewerMode: 'hls', record: true } })
    expect((await testApp.app.inject({ method: 'POST', url: `/api/webinars/${webinar.id}/start`, headers: as(ownerCookie) })).statusCode).toBe(200)
    testApp.emulator.injectFaults({ failNext: 1, status: 503 })
    const ended = await testApp.app.inject({ method: 'POST', url: `/api/webinars/${webinar.id}/end`, headers: as(ownerCookie) })
    expect(ended.statusCode, ended.body).toBe(200)
    expect(ended.json().status).toBe('ended')
    const failed = testApp.emulator.listRequests().filter((request) => request.fault === 'fail')
    expect(failed.at(-1)?.operation).toBe('StopLive')
    const call = testApp.emulator.getCall(webinar.streamCallType, webinar.streamCallId)!
    expect(call.ended_at).toBeTruthy()
    // Ending stopped what stop_live did not.
    expect(call.recording).toBe(false)
    expect(call.egress?.broadcasting).toBe(false)
  })

  it('records when the settings say so, and cancelling ends the call', async () => {
    const recorded = await createWebinar(ownerCookie, { title: 'Recorded', settings: { viewerMode: 'webrtc', record: true } })
    await testApp.app.inject({ method: 'POST', url: `/api/webinars/${recorded.id}/start`, headers: as(ownerCookie) })
    const call = testApp.emulator.getCall(recorded.streamCallType, recorded.streamCallId)!
    expect(call.recording).toBe(true)
    expect(call.hlsPlaylistUrl ?? call.egress?.hls?.playlist_url ?? null).toBeFalsy()

    const cancelled = await createWebinar(ownerCookie, { title: 'Cancelled' })
    const response = await testApp.app.inject({ method: 'POST', url: `/api/webinars/${cancelled.id}/cancel`, headers: as(ownerCookie) })
    expect(response.json()).toMatchObject({ status: 'cancelled', provisioning: 'ready' })
    expect(testApp.emulator.getCall(cancelled.streamCallType, cancelled.streamCallId)!.ended_at).toBeTruthy()
    const start = await testApp.app.inject({ method: 'POST', url: `/api/webinars/${cancelled.id}/start`, headers: as(ownerCookie) })
    expect(start.statusCode).toBe(409)
  })

  it('answers 502 and leaves the webinar scheduled when Stream fails on start', async () => {
    const webinar = await createWebinar(ownerCookie, { title: 'Fragile start' })
    testApp.emulator.injectFaults({ failNext: 1, status: 500 })
    const response = await testApp.app.inject({ method: 'POST', url: `/api/webinars/${webinar.id}/start`, headers: as(ownerCookie) })
    expect(response.statusCode).toBe(502)
    expect(response.json().error).toMatchObject({ code: 'upstream_failed' })
    expect(response.json().error.message).toMatch(/has not started/)
    const after = (await testApp.app.inject({ method: 'GET', url: `/api/webinars/${webinar.id}`, headers: as(ownerCookie) })).json()
    expect(after.status).toBe('scheduled')
    expect(testApp.emulator.getCall(webinar.streamCallType, webinar.streamCallId)!.backstage).toBe(true)
  })
})

describe('who may do what', () => {
  it('lets hosts run only their own webinars, and admins any', async () => {
    const ownersWebinar = await createWebinar(ownerCookie, { title: 'Owner only' })
    const hostsWebinar = await createWebinar(hostCookie, { title: 'Host only' })
    expect(hostsWebinar.host.id).toBe(hostId)

    for (const [method, path] of [
      ['GET', ''],
      ['PATCH', ''],
      ['POST', '/start'],
      ['POST', '/stream-token'],
    ] as const) {
      const response = await testApp.app.inject({
        method,
        url: `/api/webinars/${ownersWebinar.id}${path}`,
        headers: as(hostCookie),
        ...(method === 'PATCH' ? { payload: { title: 'Hijack' } } : {}),
      })
      expect(response.statusCode, `${method} ${path}`).toBe(403)
    }
    const listed = (await testApp.app.inject({ method: 'GET', url: '/api/webinars?limit=100', headers: as(hostCookie) })).json()
    expect(listed.items.every((webinar: { host: { id: string } }) => webinar.host.id === hostId)).toBe(true)

    const adminToken = await testApp.app.inject({ method: 'POST', url: `/api/webinars/${hostsWebinar.id}/stream-token`, headers: as(ownerCookie) })
    expect(adminToken.statusCode).toBe(200)

    const assign = await testApp.app.inject({ method: 'POST', url: '/api/webinars', headers: as(hostCookie), payload: validWebinar({ hostId: ownersWebinar.host.id }) })
    expect(assign.statusCode).toBe(403)
  })

  it('mints a host token scoped to this one call, with role host and a short validity', async () => {
    const a = await createWebinar(hostCookie, { title: 'Token A' })
    const b = await createWebinar(ownerCookie, { title: 'Token B' })
    const response = await testApp.app.inject({ method: 'POST', url: `/api/webinars/${a.id}/stream-token`, headers: as(hostCookie) })
    expect(response.statusCode).toBe(200)
    const credentials = response.json()
    expect(credentials).toMatchObject({ apiKey: streamTestKeys.apiKey, callType: 'webinar', callId: a.streamCallId, userId: `staff_${hostId}` })
    const claims = jwt.verify(credentials.token, streamTestKeys.apiSecret, { algorithms: ['HS256'] }) as Record<string, unknown>
    expect(claims).toMatchObject({ user_id: `staff_${hostId}`, role: 'host', call_cids: [a.streamCallCid] })
    expect(JSON.stringify(claims)).not.toContain(b.streamCallId)
    const validity = (claims.exp as number) - (claims.iat as number)
    expect(validity).toBeGreaterThan(0)
    expect(validity).toBeLessThanOrEqual(4 * 3600 + 1)
    const forB = await testApp.app.inject({ method: 'POST', url: `/api/webinars/${b.id}/stream-token`, headers: as(hostCookie) })
    expect(forB.statusCode).toBe(403)
  })
})

describe('listing', () => {
  it('filters by status, upcoming/past and title, and paginates', async () => {
    const headers = as(ownerCookie)
    const findable = await createWebinar(ownerCookie, { title: 'Findable Needle Session' })
    const search = (await testApp.app.inject({ method: 'GET', url: '/api/webinars?q=needle', headers })).json()
    expect(search.items.map((webinar: { id: string }) => webinar.id)).toEqual([findable.id])

    const cancelled = (await testApp.app.inject({ method: 'GET', url: '/api/webinars?status=cancelled', headers })).json()
    expect(cancelled.items.length).toBeGreaterThan(0)
    expect(cancelled.items.every((webinar: { status: string }) => webinar.status === 'cancelled')).toBe(true)

    const past = (await testApp.app.inject({ method: 'GET', url: '/api/webinars?when=past&limit=100', headers })).json()
    expect(past.items.every((webinar: { status: string }) => ['ended', 'cancelled'].includes(webinar.status))).toBe(true)
    const upcoming = (await testApp.app.inject({ method: 'GET', url: '/api/webinars?when=upcoming&limit=100', headers })).json()
    expect(upcoming.items.some((webinar: { status: string }) => ['ended', 'cancelled'].includes(webinar.status))).toBe(false)

    const page1 = (await testApp.app.inject({ method: 'GET', url: '/api/webinars?limit=5&offset=0', headers })).json()
    const page2 = (await testApp.app.inject({ method: 'GET', url: '/api/webinars?limit=5&offset=5', headers })).json()
    expect(page1.items).toHaveLength(5)
    expect(page1.total).toBe(page2.total)
    expect(page1.items.map((webinar: { id: string }) => webinar.id)).not.toContain(page2.items[0].id)

    const badQuery = await testApp.app.inject({ method: 'GET', url: '/api/webinars?limit=1000&when=someday', headers })
    expect(badQuery.statusCode).toBe(400)
    expect(Object.keys(badQuery.json().error.fields).sort()).toEqual(['querystring.limit', 'querystring.when'])
  })
})
