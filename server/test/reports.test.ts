import { createHmac, randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, csrfHeaders, sessionCookieOf, setUpOwner, streamTestKeys, type TestApp } from './support/test-app.ts'

// A webinar's report against numbers worked out by hand from a small, fixed scenario, and the overview.

const minute = 60_000
/** The app's clock, frozen and moved by the test; near the real time (Stream's events are judged stale by it). */
const liveAt = Math.floor(Date.now() / minute) * minute
let now = new Date(liveAt)
const clock = { now: () => new Date(now.getTime()) }
let testApp: TestApp
let ownerCookie: string
let ownerId: string

const staff = (cookie = ownerCookie) => ({ cookie, ...csrfHeaders })
const sign = (body: string) => createHmac('sha256', streamTestKeys.apiSecret).update(body).digest('hex')
const at = (minutes: number) => new Date(liveAt + minutes * minute).toISOString()

beforeAll(async () => {
  testApp = await createTestApp({ clock, env: { RATE_LIMIT_PER_MINUTE: '100000' } })
  ownerCookie = await setUpOwner(testApp.app)
  ownerId = (await testApp.app.inject({ method: 'GET', url: '/api/me', headers: staff() })).json().user.id
}, 60_000)
afterAll(() => testApp.close())

async function request(method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, headers: Record<string, string> = staff()) {
  const response = await testApp.app.inject({ method, url, headers, ...(payload ? { payload } : {}) })
  expect(response.statusCode, `${method} ${url}: ${response.body}`).toBeLessThan(300)
  return response.json()
}

async function deliver(event: object) {
  const body = JSON.stringify(event)
  const response = await testApp.app.inject({
    method: 'POST',
    url: '/api/stream/webhooks',
    payload: body,
    headers: { 'content-type': 'application/json', 'x-signature': sign(body), 'x-webhook-id': randomUUID() },
  })
  expect(response.statusCode, response.body).toBe(200)
}

/** One Stream session of `userId` from minute `from` to minute `to` (relative to going live); null: never left. */
async function inCall(callCid: string, userId: string, from: number, to: number | null) {
  const participant = { user: { id: userId }, user_session_id: randomUUID(), role: 'viewer', joined_at: at(from) }
  await deliver({ type: 'call.session_participant_joined', call_cid: callCid, created_at: at(from), session_id: 's1', participant })
  if (to !== null) {
    await deliver({ type: 'call.session_participant_left', call_cid: callCid, created_at: at(to), session_id: 's1', participant, duration_seconds: (to - from) * 60 })
  }
}

describe('reports', () => {
  let webinar: { id: string; streamCallCid: string }

  it('answers a webinar that never ran with zeros and empty lists', async () => {
    const idle = await request('POST', '/api/webinars', { title: 'Never ran', startTime: at(24 * 60), timezone: 'UTC', durationMinutes: 30 })
    expect(await request('GET', `/api/webinars/${idle.id}/report`)).toEqual({
      registered: 0,
      approved: 0,
      joined: 0,
      attended: 0,
      attendanceRate: 0,
      averageWatchSeconds: 0,
      medianWatchSeconds: 0,
      peakConcurrent: 0,
      timeline: [],
      chatMessages: 0,
      questions: 0,
      pollVotes: 0,
      registrationsByDay: [],
    })
  })

  it('matches a hand-worked scenario', async () => {
    webinar = await request('POST', '/api/webinars', {
      title: 'Report',
      startTime: at(60),
      timezone: 'America/New_York',
      durationMinutes: 30,
      attendedThresholdSeconds: 300,
    })
    // Registered at moments that fall on three days in New York (and on other days in UTC).
    const registeredAt = {
      a: '2024-03-09T23:30:00.000Z', // 18:30 on the 9th in New York
      b: '2024-03-09T23:45:00.000Z',
      c: '2024-03-10T04:30:00.000Z', // 23:30 on the 9th
      d: '2024-03-10T05:30:00.000Z', // 00:30 on the 10th
      e: '2024-03-11T12:00:00.000Z', // 08:00 on the 11th (summer time began on the 10th)
      f: '2024-03-11T13:00:00.000Z',
    }
    const ids: Record<string, string> = {}
    for (const [name, when] of Object.entries(registeredAt)) {
      now = new Date(when)
      ids[name] = (await request('POST', `/api/webinars/${webinar.id}/registrations`, { name: name.toUpperCase(), email: `${name}@example.com` })).registration.id
    }
    now = new Date(liveAt)
    await request('POST', `/api/webinars/${webinar.id}/registrations/${ids.f}/reject`)

    // Live from minute 0 to minute 10.
    await deliver({ type: 'call.live_started', call_cid: webinar.streamCallCid, created_at: at(0) })
    const call = webinar.streamCallCid
    await inCall(call, `reg_${ids.a}`, 0, 8) // 480 s; a second tab inside it adds nothing
    await inCall(call, `reg_${ids.a}`, 2, 5)
    await inCall(call, `reg_${ids.b}`, 3.5, 5.5) // 120 s
    await inCall(call, `reg_${ids.b}`, 7, 9) // + 120 s = 240 s, under the 300 s threshold
    await inCall(call, `reg_${ids.c}`, -2, 6) // joined before the start: 360 s from it
    await inCall(call, `reg_${ids.d}`, 9, null) // never left: 60 s, to the end
    await inCall(call, `staff_${ownerId}`, -5, null) // the host: not a registrant
    // E never came; F was rejected.

    // In the room: two chat messages, a question, one poll vote.
    const attendeeA = { 'x-join-token': testApp.joinTokens.tokenFor(ids.a!, 1) }
    now = new Date(liveAt + 4 * minute)
    await request('POST', `/api/rooms/${webinar.id}/chat`, { body: 'Welcome!' })
    await request('POST', `/api/rooms/${webinar.id}/chat`, { body: 'Hello' }, attendeeA)
    await request('POST', `/api/rooms/${webinar.id}/questions`, { body: 'Is there a replay?' }, attendeeA)
    const poll = await request('POST', `/api/rooms/${webinar.id}/polls`, { question: 'Useful?', options: ['Yes', 'No'] })
    await request('PATCH', `/api/rooms/${webinar.id}/polls/${poll.id}`, { status: 'open' })
    await request('POST', `/api/rooms/${webinar.id}/polls/${poll.id}/vote`, { optionIndex: 0 }, attendeeA)

    now = new Date(liveAt + 10 * minute)
    await deliver({ type: 'call.session_ended', call_cid: call, created_at: at(10), session_id: 's1', call: {} })
    await deliver({ type: 'call.ended', call_cid: call, created_at: at(10), call: {} })
    now = new Date(liveAt + 30 * minute)

    const report = await request('GET', `/api/webinars/${webinar.id}/report`)
    expect(report).toEqual({
      registered: 6,
      approved: 5,
      joined: 4, // A, B, C, D
      attended: 2, // A (480 s) and C (360 s)
      attendanceRate: 0.4, // 2 of 5 approved
      averageWatchSeconds: 285, // (480 + 240 + 360 + 60) / 4
      medianWatchSeconds: 300, // (240 + 360) / 2
      peakConcurrent: 3, // A, B and C from 3:30 to 5:30 (A's two tabs are one person)
      timeline: [2, 2, 2, 3, 3, 3, 1, 2, 1, 1].map((viewers, index) => ({ minute: at(index), viewers })),
      chatMessages: 2,
      questions: 1,
      pollVotes: 1,
      registrationsByDay: [
        { day: '2024-03-09', count: 3 },
        { day: '2024-03-10', count: 1 },
        { day: '2024-03-11', count: 2 },
      ],
    })
    // The stored totals (the list, the CSV, follow-ups) agree with the report.
    const list = await request('GET', `/api/webinars/${webinar.id}/registrations`)
    const watched = Object.fromEntries(list.items.map((item: { name: string; watchSeconds: number; attended: boolean }) => [item.name, [item.watchSeconds, item.attended]]))
    expect(watched).toEqual({ A: [480, true], B: [240, false], C: [360, true], D: [60, false], E: [0, false], F: [0, false] })
  })

  it('sums up the last 30 or 90 days, for a host their own webinars', async () => {
    const overview = await request('GET', '/api/reports/overview?days=30')
    expect(overview).toEqual({
      days: 30,
      webinarsRun: 1,
      registrations: 6,
      attendanceRate: 0.4,
      topWebinars: [{ id: webinar.id, title: 'Report', startTime: at(60), registered: 6, attended: 2 }],
    })
    expect((await request('GET', '/api/reports/overview')).days).toBe(30)
    expect((await request('GET', '/api/reports/overview?days=90')).webinarsRun).toBe(1)
    const refused = await testApp.app.inject({ method: 'GET', url: '/api/reports/overview?days=7', headers: staff() })
    expect(refused.statusCode).toBe(400)

    // Another host runs nothing: they see nothing of the owner's webinars.
    await request('POST', '/api/users', { email: 'host@example.com', name: 'Hal Host', password: 'host password 1', role: 'host' })
    const hostCookie = sessionCookieOf(await testApp.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'host@example.com', password: 'host password 1' } }))
    expect(await request('GET', '/api/reports/overview', undefined, staff(hostCookie))).toEqual({ days: 30, webinarsRun: 0, registrations: 0, attendanceRate: 0, topWebinars: [] })
    const foreign = await testApp.app.inject({ method: 'GET', url: `/api/webinars/${webinar.id}/report`, headers: staff(hostCookie) })
    expect(foreign.statusCode).toBe(403)
  })
})
