import { createHmac, randomBytes, randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAttendanceService } from '../src/attendance/attendance-service.ts'
import { createTestApp, csrfHeaders, setUpOwner, streamTestKeys, type TestApp } from './support/test-app.ts'

// Participant webhooks and room connections arriving all at once are written in groups (db/group-commit.ts): a
// group holds a session's join and its leave, retries and replays of one event, sessions of one registrant, and must
// still give exactly what one change after the other gives.

const minute = 60_000
let now = new Date(Math.floor(Date.now() / minute) * minute)
const clock = { now: () => new Date(now.getTime()) }
let testApp: TestApp
let ownerCookie: string

const staff = () => ({ cookie: ownerCookie, ...csrfHeaders })
const sign = (body: string) => createHmac('sha256', streamTestKeys.apiSecret).update(body).digest('hex')
const iso = (time: number) => new Date(time).toISOString()

beforeAll(async () => {
  testApp = await createTestApp({ clock, env: { RATE_LIMIT_PER_MINUTE: '100000' } })
  ownerCookie = await setUpOwner(testApp.app)
}, 60_000)
afterAll(() => testApp.close())

async function createLiveWebinar(title: string) {
  const created = await testApp.app.inject({
    method: 'POST',
    url: '/api/webinars',
    headers: staff(),
    payload: { title, startTime: iso(now.getTime() + 3600_000), timezone: 'UTC', durationMinutes: 60, attendedThresholdSeconds: 600 },
  })
  expect(created.statusCode, created.body).toBe(201)
  return created.json() as { id: string; streamCallCid: string }
}

async function addRegistrant(webinarId: string, index: number): Promise<string> {
  const response = await testApp.app.inject({
    method: 'POST',
    url: `/api/webinars/${webinarId}/registrations`,
    headers: staff(),
    payload: { name: `Registrant ${index}`, email: `grouped-${index}-${randomUUID().slice(0, 8)}@example.com` },
  })
  expect(response.statusCode, response.body).toBe(201)
  return response.json().registration.id
}

function deliver(event: object, webhookId: string) {
  const body = JSON.stringify(event)
  return testApp.app.inject({
    method: 'POST',
    url: '/api/stream/webhooks',
    payload: body,
    headers: { 'content-type': 'application/json', 'x-signature': sign(body), 'x-webhook-id': webhookId },
  })
}

const participant = (userId: string, userSessionId: string, joinedAt: number) => ({ user: { id: userId, name: userId }, user_session_id: userSessionId, role: 'viewer', joined_at: iso(joinedAt) })

describe('participant webhooks delivered all at once', () => {
  it('are applied in groups, exactly as one after the other: joins with their leaves, retries, replays, two tabs', async () => {
    const webinar = await createLiveWebinar('All at once')
    const liveAt = now.getTime()
    const started = await deliver({ type: 'call.live_started', call_cid: webinar.streamCallCid, created_at: iso(liveAt) }, randomUUID())
    expect(started.json()).toEqual({ status: 'processed' })
    const registrationIds: string[] = []
    for (let index = 0; index < 40; index++) registrationIds.push(await addRegistrant(webinar.id, index))

    // Registrant i: a first tab from minute i for 20 minutes; every third one a second tab overlapping it by 5
    // minutes and staying 10 more; every fifth one never says goodbye to the first tab (still there: the call is live).
    const deliveries: { event: object; webhookId: string }[] = []
    const expected = new Map<string, { firstJoinedAt: string; lastLeftAt: string | null; watchSeconds: number; attended: boolean }>()
    now = new Date(liveAt + 90 * minute)
    registrationIds.forEach((registrationId, index) => {
      const userId = `reg_${registrationId}`
      const joinedAt = liveAt + index * minute
      const leftAt = joinedAt + 20 * minute
      const first = randomUUID()
      const stays = index % 5 === 0
      const common = { call_cid: webinar.streamCallCid, session_id: 'call-session' }
      deliveries.push({ event: { type: 'call.session_participant_joined', created_at: iso(joinedAt), ...common, participant: participant(userId, first, joinedAt) }, webhookId: randomUUID() })
      if (!stays) {
        deliveries.push({
          event: { type: 'call.session_participant_left', created_at: iso(leftAt), duration_seconds: 20 * 60, ...common, participant: participant(userId, first, joinedAt) },
          webhookId: randomUUID(),
        })
      }
      let end = stays ? now.getTime() : leftAt
      if (index % 3 === 0) {
        const second = randomUUID()
        const secondJoin = leftAt - 5 * minute
        const secondLeave = leftAt + 10 * minute
        deliveries.push(
          { event: { type: 'call.session_participant_left', created_at: iso(secondLeave), duration_seconds: 15 * 60, ...common, participant: participant(userId, second, secondJoin) }, webhookId: randomUUID() },
          { event: { type: 'call.session_participant_joined', created_at: iso(secondJoin), ...common, participant: participant(userId, second, secondJoin) }, webhookId: randomUUID() },
        )
        end = Math.max(end, secondLeave)
      }
      const watchSeconds = (end - joinedAt) / 1000
      expected.set(registrationId, { firstJoinedAt: iso(joinedAt), lastLeftAt: stays ? null : iso(end), watchSeconds, attended: watchSeconds >= 600 })
    })
    // Every fourth event twice: a retry (the same X-WEBHOOK-ID) or a replay (a new id, the same content), in the
    // same burst, so that both copies can land in one group.
    const unique = deliveries.length
    const doubled = deliveries.flatMap((delivery, index) => (index % 4 === 0 ? [delivery, { event: delivery.event, webhookId: index % 8 === 0 ? delivery.webhookId : randomUUID() }] : [delivery]))
    const shuffled = doubled.map((delivery) => ({ delivery, key: Math.random() })).sort((a, b) => a.key - b.key).map(({ delivery }) => delivery)

    const answers = await Promise.all(shuffled.map(({ event, webhookId }) => deliver(event, webhookId)))
    expect(answers.map((answer) => answer.statusCode)).toEqual(shuffled.map(() => 200))
    const statuses = answers.map((answer) => answer.json().status as string)
    expect(statuses.filter((status) => status === 'stored')).toHaveLength(unique)
    expect(statuses.filter((status) => status === 'duplicate')).toHaveLength(doubled.length - unique)

    const { pool } = testApp.database
    const stored = await pool.query<{ count: number }>(`select count(*)::int as count from stream_webhook_events where call_cid = $1 and type like 'call.session_participant_%'`, [webinar.streamCallCid])
    expect(stored.rows[0]!.count).toBe(unique)
    // Groups they were: rows written in one transaction share its id (xmin).
    const transactions = await pool.query<{ sessions: number; transactions: number }>(
      `select count(*)::int as sessions, count(distinct xmin::text)::int as transactions from attendance_sessions where webinar_id = $1 and source = 'stream'`,
      [webinar.id],
    )
    expect(transactions.rows[0]!.sessions).toBe(40 + 14)
    expect(transactions.rows[0]!.transactions).toBeLessThan(transactions.rows[0]!.sessions / 2)

    const { rows } = await pool.query<{ registration_id: string; first_joined_at: Date; last_left_at: Date | null; watch_seconds: number; attended: boolean }>(
      'select registration_id, first_joined_at, last_left_at, watch_seconds, attended from registration_attendance where webinar_id = $1',
      [webinar.id],
    )
    expect(rows).toHaveLength(40)
    for (const row of rows) {
      expect(
        { firstJoinedAt: row.first_joined_at.toISOString(), lastLeftAt: row.last_left_at?.toISOString() ?? null, watchSeconds: row.watch_seconds, attended: row.attended },
        `registrant ${registrationIds.indexOf(row.registration_id)}`,
      ).toEqual(expected.get(row.registration_id))
    }
  }, 60_000)

  it('fails only the webhook the database refuses, not the others of its group', async () => {
    const webinar = await createLiveWebinar('One bad apple')
    const liveAt = now.getTime()
    await deliver({ type: 'call.live_started', call_cid: webinar.streamCallCid, created_at: iso(liveAt) }, randomUUID())
    const registrationIds = await Promise.all([0, 1, 2, 3, 4, 5].map((index) => addRegistrant(webinar.id, 100 + index)))
    now = new Date(liveAt + 30 * minute)
    const joins = registrationIds.map((registrationId, index) => ({
      type: 'call.session_participant_joined',
      call_cid: webinar.streamCallCid,
      created_at: iso(liveAt + index * minute),
      session_id: 'call-session',
      participant: participant(`reg_${registrationId}`, randomUUID(), liveAt + index * minute),
    }))
    // An X-WEBHOOK-ID too large for its index (signed, so it gets as far as the database): that insert fails.
    const tooLargeId = randomBytes(6000).toString('base64')
    const answers = await Promise.all(joins.map((event, index) => deliver(event, index === 3 ? tooLargeId : randomUUID())))
    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 200, 200, 500, 200, 200])
    const { rows } = await testApp.database.pool.query<{ registration_id: string }>('select registration_id from registration_attendance where webinar_id = $1', [webinar.id])
    expect(rows.map((row) => row.registration_id).sort()).toEqual(registrationIds.filter((_, index) => index !== 3).sort())
  })
})

describe('room connections opening and closing all at once', () => {
  it('are recorded in groups, each connection a session, and the totals exact', async () => {
    const webinar = await createLiveWebinar('A crowd arrives')
    const liveAt = now.getTime()
    await deliver({ type: 'call.live_started', call_cid: webinar.streamCallCid, created_at: iso(liveAt) }, randomUUID())
    const registrationIds: string[] = []
    for (let index = 0; index < 30; index++) registrationIds.push(await addRegistrant(webinar.id, 200 + index))
    const { db, pool } = testApp.database
    const announced: string[][] = []
    const attendance = createAttendanceService({ db, pool, clock, jobs: { send: async () => {} }, logger: { warn: () => {} }, onAttendanceChanged: (ids) => void announced.push(ids) })

    // Everyone arrives at the first minute, every third one from two tabs; the even ones leave at minute 11 (the
    // second tab at minute 16), the odd ones are still there.
    const connections = registrationIds.flatMap((registrationId, index) =>
      Array.from({ length: index % 3 === 0 ? 2 : 1 }, (_, tab) => ({ webinarId: webinar.id, registrationId, connectionId: randomUUID(), tab, index })),
    )
    now = new Date(liveAt + minute)
    await Promise.all(connections.map(({ tab: _tab, index: _index, ...connection }) => attendance.openRoomPresence(connection)))
    now = new Date(liveAt + 1.5 * minute)
    await Promise.all(connections.map(({ tab: _tab, index: _index, ...connection }) => attendance.recordRoomHeartbeat(connection)))
    const leaving = connections.filter((connection) => connection.index % 2 === 0)
    now = new Date(liveAt + 11 * minute)
    await Promise.all(leaving.filter((connection) => connection.tab === 0).map(({ tab: _tab, index: _index, ...connection }) => attendance.closeRoomPresence(connection)))
    now = new Date(liveAt + 16 * minute)
    await Promise.all(leaving.filter((connection) => connection.tab === 1).map(({ tab: _tab, index: _index, ...connection }) => attendance.closeRoomPresence(connection)))

    const sessions = await pool.query<{ session_key: string; joined_at: Date; left_at: Date | null; last_seen_at: Date; xmin: string }>(
      `select session_key, joined_at, left_at, last_seen_at, xmin::text from attendance_sessions where webinar_id = $1 and source = 'room'`,
      [webinar.id],
    )
    expect(sessions.rows).toHaveLength(connections.length)
    for (const connection of connections) {
      const session = sessions.rows.find((row) => row.session_key === connection.connectionId)!
      const leftAt = connection.index % 2 === 0 ? liveAt + (connection.tab === 0 ? 11 : 16) * minute : null
      expect(session.joined_at.getTime()).toBe(liveAt + minute)
      expect(session.left_at?.getTime() ?? null).toBe(leftAt)
      expect(session.last_seen_at.getTime()).toBe(leftAt ?? liveAt + 1.5 * minute)
    }

    now = new Date(liveAt + 20 * minute)
    const { rows } = await pool.query<{ registration_id: string; last_left_at: Date | null; watch_seconds: number }>(
      'select registration_id, last_left_at, watch_seconds from registration_attendance where webinar_id = $1',
      [webinar.id],
    )
    expect(rows).toHaveLength(30)
    for (const row of rows) {
      const index = registrationIds.indexOf(row.registration_id)
      // The totals are from the last change: the even ones' leave; the odd ones' arrival (still there: counted up to then).
      const lastLeftAt = index % 2 === 0 ? liveAt + (index % 3 === 0 ? 16 : 11) * minute : null
      expect({ lastLeftAt: row.last_left_at?.getTime() ?? null, watchSeconds: row.watch_seconds }, `registrant ${index}`).toEqual({
        lastLeftAt,
        watchSeconds: lastLeftAt === null ? 0 : (lastLeftAt - liveAt - minute) / 1000,
      })
    }
    // In groups: far fewer transactions than connections, and each change announced.
    const transactions = new Set(sessions.rows.map((row) => row.xmin))
    expect(transactions.size).toBeLessThan(connections.length / 2)
    expect(new Set(announced.flat())).toEqual(new Set(registrationIds))
  })
})
