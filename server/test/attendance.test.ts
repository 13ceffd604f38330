import { execFile } from 'node:child_process'
import { createHmac, randomUUID } from 'node:crypto'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAttendanceService } from '../src/attendance/attendance-service.ts'
import { openEventStream } from './support/sse-client.ts'
import { createTestApp, csrfHeaders, setUpOwner, streamTestKeys, type TestApp } from './support/test-app.ts'
import { waitFor } from './support/wait-for.ts'

// Attendance from Stream's participant webhooks and the room's presence: a scripted crowd delivered shuffled and
// doubled, the rebuild from the stored events, and the room's event stream merged with a Stream session.

const minute = 60_000
/** The app's clock: frozen, moved by the tests. It starts at the real time (Stream's events are judged stale by it). */
let now = new Date(Math.floor(Date.now() / minute) * minute)
const clock = { now: () => new Date(now.getTime()) }
let testApp: TestApp
let ownerCookie: string
let ownerId: string

const staff = () => ({ cookie: ownerCookie, ...csrfHeaders })
const sign = (body: string) => createHmac('sha256', streamTestKeys.apiSecret).update(body).digest('hex')
const iso = (time: number) => new Date(time).toISOString()

beforeAll(async () => {
  testApp = await createTestApp({ clock, env: { RATE_LIMIT_PER_MINUTE: '100000' } })
  ownerCookie = await setUpOwner(testApp.app)
  ownerId = (await testApp.app.inject({ method: 'GET', url: '/api/me', headers: staff() })).json().user.id
}, 60_000)
afterAll(() => testApp.close())

/** A seeded generator (mulberry32): the same seed, the same crowd, so a failure replays. */
function randomFrom(seed: number) {
  let state = seed >>> 0
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    between: (low: number, high: number) => Math.floor(low + next() * (high - low)),
    chance: (probability: number) => next() < probability,
    shuffle<T>(items: T[]): T[] {
      const copy = [...items]
      for (let index = copy.length - 1; index > 0; index--) {
        const other = Math.floor(next() * (index + 1))
        ;[copy[index], copy[other]] = [copy[other]!, copy[index]!]
      }
      return copy
    },
  }
}

async function createWebinar(title: string, extra: Record<string, unknown> = {}) {
  const response = await testApp.app.inject({
    method: 'POST',
    url: '/api/webinars',
    headers: staff(),
    payload: { title, startTime: iso(now.getTime() + 3600_000), timezone: 'UTC', durationMinutes: 60, ...extra },
  })
  expect(response.statusCode, response.body).toBe(201)
  return response.json() as { id: string; slug: string; streamCallCid: string; attendedThresholdSeconds: number }
}

async function addRegistrant(webinarId: string, index: number): Promise<string> {
  const response = await testApp.app.inject({
    method: 'POST',
    url: `/api/webinars/${webinarId}/registrations`,
    headers: staff(),
    payload: { name: `Registrant ${index}`, email: `registrant-${index}-${randomUUID().slice(0, 8)}@example.com` },
  })
  expect(response.statusCode, response.body).toBe(201)
  return response.json().registration.id
}

/** Delivers a signed event as Stream does (under `webhookId`, a fresh one by default). */
async function deliver(event: object, webhookId: string = randomUUID()) {
  const body = JSON.stringify(event)
  const response = await testApp.app.inject({
    method: 'POST',
    url: '/api/stream/webhooks',
    payload: body,
    headers: { 'content-type': 'application/json', 'x-signature': sign(body), 'x-webhook-id': webhookId },
  })
  expect(response.statusCode, response.body).toBe(200)
  return response.json().status as string
}

async function listAttendance(webinarId: string) {
  const response = await testApp.app.inject({ method: 'GET', url: `/api/webinars/${webinarId}/registrations?limit=500`, headers: staff() })
  expect(response.statusCode, response.body).toBe(200)
  const items = response.json().items as { id: string; firstJoinedAt: string | null; lastLeftAt: string | null; watchSeconds: number; attended: boolean }[]
  return Object.fromEntries(items.map(({ id, firstJoinedAt, lastLeftAt, watchSeconds, attended }) => [id, { firstJoinedAt, lastLeftAt, watchSeconds, attended }]))
}

type Expected = Awaited<ReturnType<typeof listAttendance>>[string]

/** What the script says a registrant's totals are: the union of their stretches within the live window. */
function expectedFrom(stretches: [number, number][], window: [number, number], threshold: number): Expected {
  const clipped = stretches
    .map(([start, end]): [number, number] => [Math.max(start, window[0]), Math.min(end, window[1])])
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0])
  if (clipped.length === 0) return { firstJoinedAt: null, lastLeftAt: null, watchSeconds: 0, attended: false }
  let total = 0
  let [runStart, runEnd] = clipped[0]!
  for (const [start, end] of clipped.slice(1)) {
    if (start <= runEnd) {
      runEnd = Math.max(runEnd, end)
    } else {
      total += runEnd - runStart
      ;[runStart, runEnd] = [start, end]
    }
  }
  total += runEnd - runStart
  const watchSeconds = Math.floor(total / 1000)
  return {
    firstJoinedAt: iso(clipped[0]![0]),
    lastLeftAt: iso(Math.max(...clipped.map(([, end]) => end))),
    watchSeconds,
    attended: watchSeconds >= threshold,
  }
}

const participant = (userId: string, userSessionId: string, joinedAt: number | null) => ({
  user: { id: userId, name: userId },
  user_session_id: userSessionId,
  role: 'viewer',
  ...(joinedAt === null ? {} : { joined_at: iso(joinedAt) }),
})

describe('attendance from Stream’s participant webhooks', () => {
  const seed = Number(process.env.ATTENDANCE_SEED ?? 20_240_611)
  let webinar: Awaited<ReturnType<typeof createWebinar>>
  const expected: Record<string, Expected> = {}

  it('counts a scripted crowd of 100, delivered shuffled and twice, registrant by registrant', async () => {
    const random = randomFrom(seed)
    const threshold = 900
    webinar = await createWebinar('A crowd', { attendedThresholdSeconds: threshold })
    expect(webinar.attendedThresholdSeconds).toBe(threshold)
    const registrationIds: string[] = []
    for (let index = 0; index < 100; index++) registrationIds.push(await addRegistrant(webinar.id, index))

    const liveAt = now.getTime()
    const sessionEndedAt = liveAt + 60 * minute
    const endedAt = sessionEndedAt + 1000
    const callSessionId = randomUUID()
    const events: object[] = []
    const stretchesOf = new Map<string, [number, number][]>()
    const tally = { visits: 0, twoTabs: 0, leftWithoutJoin: 0, leftSayingNothing: 0, neverLeft: 0, absent: 0 }

    for (const registrationId of registrationIds) {
      const userId = `reg_${registrationId}`
      const stretches: [number, number][] = []
      stretchesOf.set(registrationId, stretches)
      const visits = random.chance(0.15) ? 0 : random.between(1, 4)
      if (visits === 0) tally.absent++
      let at = liveAt + random.between(-5 * minute, 20 * minute) + random.between(0, 1000)
      for (let visit = 0; visit < visits && at < sessionEndedAt - minute; visit++) {
        // Sometimes a second tab, opened while the first is still there.
        const tabs = random.chance(0.2) ? 2 : 1
        if (tabs === 2) tally.twoTabs++
        let latestLeave = at
        for (let tab = 0; tab < tabs; tab++) {
          tally.visits++
          const joinedAt = at + tab * random.between(0, 5 * minute)
          const userSessionId = randomUUID()
          const neverLeaves = random.chance(0.1)
          const leftAt = neverLeaves ? null : Math.min(joinedAt + random.between(30_000, 30 * minute), sessionEndedAt - 1)
          const isJoinLost = leftAt !== null && random.chance(0.08)
          const saysNothingOfJoin = isJoinLost && random.chance(0.5)
          if (!isJoinLost) {
            events.push({ type: 'call.session_participant_joined', call_cid: webinar.streamCallCid, created_at: iso(joinedAt), session_id: callSessionId, participant: participant(userId, userSessionId, joinedAt) })
          }
          if (leftAt !== null) {
            events.push({
              type: 'call.session_participant_left',
              call_cid: webinar.streamCallCid,
              created_at: iso(leftAt),
              session_id: callSessionId,
              participant: participant(userId, userSessionId, saysNothingOfJoin ? null : joinedAt),
              ...(saysNothingOfJoin ? {} : { duration_seconds: Math.floor((leftAt - joinedAt) / 1000) }),
            })
          }
          if (isJoinLost) tally.leftWithoutJoin++
          if (saysNothingOfJoin) tally.leftSayingNothing++
          if (neverLeaves) tally.neverLeft++
          // A left whose join is lost and unsaid counts from the live start; one that never left ends with the call's session.
          stretches.push([saysNothingOfJoin ? liveAt : joinedAt, leftAt ?? sessionEndedAt])
          latestLeave = Math.max(latestLeave, leftAt ?? sessionEndedAt)
        }
        at = latestLeave + random.between(10_000, 10 * minute)
      }
    }
    // The host and a stranger are in the call too: neither counts.
    const hostSession = randomUUID()
    events.push({ type: 'call.session_participant_joined', call_cid: webinar.streamCallCid, created_at: iso(liveAt - 10 * minute), session_id: callSessionId, participant: participant(`staff_${ownerId}`, hostSession, liveAt - 10 * minute) })
    events.push({ type: 'call.session_participant_joined', call_cid: webinar.streamCallCid, created_at: iso(liveAt + minute), session_id: callSessionId, participant: participant('someone_else', randomUUID(), liveAt + minute) })
    events.push({ type: 'call.session_ended', call_cid: webinar.streamCallCid, created_at: iso(sessionEndedAt), session_id: callSessionId, call: {} })
    events.push({ type: 'call.ended', call_cid: webinar.streamCallCid, created_at: iso(endedAt), call: {} })
    console.log(`attendance scenario (seed ${seed}): ${events.length} events, ${JSON.stringify(tally)}`)
    expect(tally.twoTabs).toBeGreaterThan(0)
    expect(tally.leftWithoutJoin).toBeGreaterThan(0)
    expect(tally.leftSayingNothing).toBeGreaterThan(0)
    expect(tally.neverLeft).toBeGreaterThan(0)

    // Going live comes first (it opens the window); the rest arrives in any order, a third of it twice: Stream's
    // retries (the same X-WEBHOOK-ID) and replays (a new id, the same content).
    now = new Date(endedAt + 10 * minute)
    expect(await deliver({ type: 'call.live_started', call_cid: webinar.streamCallCid, created_at: iso(liveAt) })).toBe('processed')
    const deliveries = events.flatMap((event) => {
      const webhookId = randomUUID()
      const once = { event, webhookId }
      if (!random.chance(0.35)) return [once]
      return [once, { event, webhookId: random.chance(0.5) ? webhookId : randomUUID() }]
    })
    const statuses: string[] = []
    const shuffled = random.shuffle(deliveries)
    // A few at a time, as Stream's deliveries overlap.
    for (let index = 0; index < shuffled.length; index += 8) {
      statuses.push(...(await Promise.all(shuffled.slice(index, index + 8).map(({ event, webhookId }) => deliver(event, webhookId)))))
    }
    expect(statuses.filter((status) => status === 'duplicate')).toHaveLength(deliveries.length - events.length)

    const window: [number, number] = [liveAt, endedAt]
    for (const registrationId of registrationIds) expected[registrationId] = expectedFrom(stretchesOf.get(registrationId)!, window, threshold)
    const actual = await listAttendance(webinar.id)
    for (const registrationId of registrationIds) expect(actual[registrationId], `registrant ${registrationId}`).toEqual(expected[registrationId])
    const attendedCount = Object.values(expected).filter((totals) => totals.attended).length
    console.log(`attendance scenario: ${attendedCount} attended, ${Object.values(expected).filter((totals) => totals.firstJoinedAt).length} joined of 100`)
    expect(attendedCount).toBeGreaterThan(0)
    expect(attendedCount).toBeLessThan(100)

    // Staff are kept apart: the host's session is the owner's, in no registrant's totals.
    const { rows: hostRows } = await testApp.database.pool.query('select user_id, registration_id from attendance_sessions where session_key = $1', [hostSession])
    expect(hostRows).toEqual([{ user_id: ownerId, registration_id: null }])
    const { rows: strangers } = await testApp.database.pool.query(`select registration_id, user_id from attendance_sessions where stream_user_id = 'someone_else'`)
    expect(strangers).toEqual([{ registration_id: null, user_id: null }])
  }, 120_000)

  it('rebuilds the same totals from the stored events, through the CLI script, once they are deleted', async () => {
    const { pool } = testApp.database
    await pool.query(`delete from registration_attendance where webinar_id = $1`, [webinar.id])
    await pool.query(`delete from attendance_sessions where webinar_id = $1 and source = 'stream'`, [webinar.id])
    expect(Object.values(await listAttendance(webinar.id)).every((totals) => totals.watchSeconds === 0 && totals.firstJoinedAt === null)).toBe(true)

    const { stdout } = await promisify(execFile)('pnpm', ['--filter', '@webinar/server', 'attendance:rebuild', webinar.id], {
      env: { ...process.env, DATABASE_URL: testApp.database.url, LOG_LEVEL: 'silent' },
    })
    expect(stdout).toMatch(/Rebuilt the attendance of webinar/)
    expect(await listAttendance(webinar.id)).toEqual(expected)

    // Again, from the app's own service: nothing changes.
    const attendance = createAttendanceService({ db: testApp.database.db, pool, clock, jobs: { send: async () => {} }, logger: { warn: () => {} } })
    const outcome = await attendance.rebuild(webinar.id)
    expect(outcome.changedRegistrationIds).toEqual([])
    expect(await listAttendance(webinar.id)).toEqual(expected)
  }, 60_000)

  it('exports the attendance as CSV columns, streamed', async () => {
    const response = await testApp.app.inject({ method: 'GET', url: `/api/webinars/${webinar.id}/registrations.csv`, headers: staff() })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toMatch(/text\/csv/)
    const [header, ...rows] = response.body.trimEnd().split('\r\n')
    expect(header).toBe('name,email,status,registered_at,timezone,source,first_joined_at,last_left_at,watch_seconds,attended,Mobile phone')
    expect(rows).toHaveLength(100)
    const list = (await testApp.app.inject({ method: 'GET', url: `/api/webinars/${webinar.id}/registrations?limit=500`, headers: staff() })).json().items as {
      id: string
      email: string
    }[]
    for (const row of rows) {
      const cells = row.split(',')
      const registration = list.find((item) => item.email === cells[1])!
      const totals = expected[registration.id]!
      expect(cells.slice(6, 10)).toEqual([totals.firstJoinedAt ?? '', totals.lastLeftAt ?? '', String(totals.watchSeconds), totals.attended ? 'yes' : 'no'])
    }
  })
})

describe('room presence', () => {
  it('counts an attendee’s event stream, merged with an overlapping Stream session, never twice', async () => {
    now = new Date(Math.floor(Date.now() / minute) * minute)
    const webinar = await createWebinar('Watched over HLS', { settings: { viewerMode: 'hls' } })
    const registrationId = await addRegistrant(webinar.id, 1)
    const liveAt = now.getTime()
    await deliver({ type: 'call.live_started', call_cid: webinar.streamCallCid, created_at: iso(liveAt) })

    const token = testApp.joinTokens.tokenFor(registrationId, 1)
    const ticket = (await testApp.app.inject({ method: 'POST', url: `/api/join/${token}/room-ticket` })).json().ticket
    const stream = openEventStream(`${testApp.url}/api/rooms/${webinar.id}/events?ticket=${ticket}`)
    await stream.ready
    const roomSession = async () => {
      const { rows } = await testApp.database.pool.query(`select joined_at, left_at, last_seen_at from attendance_sessions where registration_id = $1 and source = 'room'`, [registrationId])
      return rows[0] as { joined_at: Date; left_at: Date | null; last_seen_at: Date } | undefined
    }
    expect((await waitFor(roomSession)).joined_at.getTime()).toBe(liveAt)

    // Meanwhile the same person is in the call for four minutes, from a second device.
    const userSessionId = randomUUID()
    const joined = { type: 'call.session_participant_joined', call_cid: webinar.streamCallCid, created_at: iso(liveAt + minute), session_id: 's', participant: participant(`reg_${registrationId}`, userSessionId, liveAt + minute) }
    const left = { ...joined, type: 'call.session_participant_left', created_at: iso(liveAt + 5 * minute), duration_seconds: 240 }
    now = new Date(liveAt + 5 * minute)
    await deliver(joined)
    await deliver(left)

    now = new Date(liveAt + 10 * minute)
    await stream.close()
    const closed = await waitFor(async () => {
      const session = await roomSession()
      return session?.left_at ? session : undefined
    })
    expect(closed.left_at!.getTime()).toBe(liveAt + 10 * minute)
    expect((await listAttendance(webinar.id))[registrationId]).toEqual({
      firstJoinedAt: iso(liveAt),
      lastLeftAt: iso(liveAt + 10 * minute),
      watchSeconds: 600,
      attended: true,
    })
  })

  it('ends a connection whose process died at its last heartbeat', async () => {
    now = new Date(Math.floor(Date.now() / minute) * minute)
    const webinar = await createWebinar('A lost instance')
    const registrationId = await addRegistrant(webinar.id, 2)
    const liveAt = now.getTime()
    await deliver({ type: 'call.live_started', call_cid: webinar.streamCallCid, created_at: iso(liveAt) })
    const { db, pool } = testApp.database
    const attendance = createAttendanceService({ db, pool, clock, jobs: { send: async () => {} }, logger: { warn: () => {} } })
    const connection = { webinarId: webinar.id, registrationId, connectionId: randomUUID() }
    await attendance.openRoomPresence(connection)
    for (const seconds of [30, 60, 90]) {
      now = new Date(liveAt + seconds * 1000)
      await attendance.recordRoomHeartbeat(connection)
    }
    // Its instance is gone: no heartbeat, no close. While it might still be there, it counts up to now.
    now = new Date(liveAt + 120_000)
    await deliver({ type: 'call.ended', call_cid: webinar.streamCallCid, created_at: iso(liveAt + 120_000) })
    expect((await listAttendance(webinar.id))[registrationId]).toMatchObject({ watchSeconds: 120, lastLeftAt: iso(liveAt + 120_000) })
    // Once silent for longer than a heartbeat can be late, it ended at its last one.
    now = new Date(liveAt + 10 * minute)
    await attendance.rebuild(webinar.id)
    expect((await listAttendance(webinar.id))[registrationId]).toEqual({ firstJoinedAt: iso(liveAt), lastLeftAt: iso(liveAt + 90_000), watchSeconds: 90, attended: false })
  })
})
