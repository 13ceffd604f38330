import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { joinTokenMailedTo } from './support/mail.ts'
import { createTestApp, csrfHeaders, setUpOwner, type TestApp } from './support/test-app.ts'

// The webinar's count of approved registrations (webinars.approved_count), which seats are taken from, against a
// count of the registrations themselves, after every kind of change to a seat has run at once: registrations
// taking seats with their commit, cancellations and erasures freeing them (and promoting from the waitlist),
// approvals and rejections by staff, people registering again after cancelling, capacity edits.
let testApp: TestApp
let ownerCookie: string
beforeAll(async () => {
  testApp = await createTestApp({ env: { REGISTRATIONS_PER_IP_PER_MINUTE: '100000', RATE_LIMIT_PER_MINUTE: '100000' } })
  ownerCookie = await setUpOwner(testApp.app)
})
afterAll(() => testApp.close())

const staff = () => ({ cookie: ownerCookie, ...csrfHeaders })
const range = (count: number) => Array.from({ length: count }, (_, index) => index)

async function createWebinar(overrides: Record<string, unknown>) {
  const response = await testApp.app.inject({
    method: 'POST',
    url: '/api/webinars',
    headers: staff(),
    payload: { title: 'Seats', startTime: new Date(Date.now() + 72 * 3600_000).toISOString(), timezone: 'Europe/Paris', durationMinutes: 60, ...overrides },
  })
  expect(response.statusCode, response.body).toBe(201)
  return response.json() as { id: string; slug: string }
}

const register = (slug: string, email: string) =>
  testApp.app.inject({ method: 'POST', url: `/api/public/webinars/${slug}/registrations`, payload: { name: email.split('@')[0], email } })
const staffAction = (webinarId: string, registrationId: string, action: 'approve' | 'reject') =>
  testApp.app.inject({ method: 'POST', url: `/api/webinars/${webinarId}/registrations/${registrationId}/${action}`, headers: staff() })
const cancelByLink = (token: string) => testApp.app.inject({ method: 'POST', url: `/api/join/${token}/cancel` })
const eraseByLink = (token: string) => testApp.app.inject({ method: 'POST', url: `/api/join/${token}/erase` })

async function registrationsOf(webinarId: string, status: string) {
  const { rows } = await testApp.database.pool.query<{ id: string; email: string }>(
    'select id, email from registrations where webinar_id = $1 and status = $2 and erased_at is null order by created_at, id',
    [webinarId, status],
  )
  return rows
}

/**
 * The count on the webinar is the count of its approved registrations; no more are approved than there are seats
 * (unless the capacity was lowered below them); and nobody waits while a seat is free (unless the capacity was
 * raised, which promotes nobody, as before).
 */
async function expectSeatsExact(webinar: { id: string; slug: string }, { isWaitlistFull = true, isOverCapacity = false } = {}) {
  const { rows } = await testApp.database.pool.query<{ approved_count: number; capacity: number | null; approved: number; waiting: number }>(
    `select w.approved_count, w.capacity,
            (select count(*)::int from registrations r where r.webinar_id = w.id and r.status = 'approved') as approved,
            (select count(*)::int from registrations r where r.webinar_id = w.id and r.status = 'waitlisted' and r.erased_at is null) as waiting
       from webinars w where w.id = $1`,
    [webinar.id],
  )
  const seats = rows[0]!
  expect(seats.approved_count).toBe(seats.approved)
  if (seats.capacity !== null) {
    if (!isOverCapacity) expect(seats.approved).toBeLessThanOrEqual(seats.capacity)
    if (isWaitlistFull && seats.waiting > 0) expect(seats.approved).toBeGreaterThanOrEqual(seats.capacity)
  }
  const publicView = (await testApp.app.inject({ method: 'GET', url: `/api/public/webinars/${webinar.slug}` })).json()
  expect(publicView.seatsLeft).toBe(seats.capacity === null ? null : Math.max(0, seats.capacity - seats.approved))
  return seats
}

describe('the seat count on the webinar', () => {
  it('stays the count of approved registrations while registrations, cancellations, erasures, approvals and rejections run at once', async () => {
    const webinar = await createWebinar({ capacity: 15 })
    const first = await Promise.all(range(30).map((index) => register(webinar.slug, `first${index}@seats.test`)))
    expect(first.map((response) => response.statusCode)).toEqual(range(30).map(() => 201))
    expect((await expectSeatsExact(webinar)).approved).toBe(15)

    const approved = await registrationsOf(webinar.id, 'approved')
    const tokens = await Promise.all(approved.slice(0, 8).map(({ email }) => joinTokenMailedTo(testApp, email, ['confirmation'])))
    const waiting = await registrationsOf(webinar.id, 'waitlisted')
    const wave = await Promise.all([
      ...range(40).map((index) => register(webinar.slug, `second${index}@seats.test`)),
      ...tokens.slice(0, 6).map((token) => cancelByLink(token)),
      ...tokens.slice(6).map((token) => eraseByLink(token)),
      // Approving a waitlisted person takes a seat if one is free at that moment; otherwise "no seats left".
      ...waiting.slice(-4).map(({ id }) => staffAction(webinar.id, id, 'approve')),
      ...waiting.slice(-8, -4).map(({ id }) => staffAction(webinar.id, id, 'reject')),
    ])
    expect(wave.filter((response) => ![200, 201, 409].includes(response.statusCode)).map((response) => response.body)).toEqual([])
    expect(wave.filter((response) => response.statusCode === 409).every((response) => /no seats left/.test(response.json().error.message))).toBe(true)
    await expectSeatsExact(webinar)

    // The cancelled register again (a new link, back in the queue) while seats are freed and taken.
    const again = await registrationsOf(webinar.id, 'approved')
    const moreTokens = await Promise.all(again.slice(0, 5).map(({ email }) => joinTokenMailedTo(testApp, email)))
    const secondWave = await Promise.all([
      ...approved.slice(0, 6).map(({ email }) => register(webinar.slug, email)),
      ...range(10).map((index) => register(webinar.slug, `third${index}@seats.test`)),
      ...moreTokens.map((token) => cancelByLink(token)),
    ])
    expect(secondWave.map((response) => response.statusCode).filter((status) => status !== 200 && status !== 201)).toEqual([])
    await expectSeatsExact(webinar)
  }, 60_000)

  it('stays exact when staff approve the pending for the last seats, at once, while approved people cancel', async () => {
    const webinar = await createWebinar({ capacity: 6, approvalMode: 'manual' })
    await Promise.all(range(20).map((index) => register(webinar.slug, `pending${index}@seats.test`)))
    const pending = await registrationsOf(webinar.id, 'pending')
    expect(pending).toHaveLength(20)
    const firstApprovals = await Promise.all(pending.slice(0, 10).map(({ id }) => staffAction(webinar.id, id, 'approve')))
    expect(firstApprovals.filter((response) => response.statusCode === 200)).toHaveLength(6)
    expect(firstApprovals.filter((response) => response.statusCode === 409)).toHaveLength(4)
    await expectSeatsExact(webinar)

    const approved = await registrationsOf(webinar.id, 'approved')
    const tokens = await Promise.all(approved.slice(0, 3).map(({ email }) => joinTokenMailedTo(testApp, email, ['approved'])))
    const wave = await Promise.all([
      ...tokens.map((token) => cancelByLink(token)),
      ...pending.slice(10).map(({ id }) => staffAction(webinar.id, id, 'approve')),
      ...approved.slice(3, 5).map(({ id }) => staffAction(webinar.id, id, 'reject')),
    ])
    expect(wave.map((response) => response.statusCode).filter((status) => status !== 200 && status !== 409)).toEqual([])
    // Five seats were freed; whichever approvals came after each took one.
    const seats = await expectSeatsExact(webinar, { isWaitlistFull: false })
    expect(seats.approved).toBe(wave.filter((response, index) => index >= 3 && index < 13 && response.statusCode === 200).length + 1)
  }, 60_000)

  it('keeps the approved when the capacity is lowered below them: newcomers wait, approvals are refused, nobody is promoted until a seat is under it', async () => {
    const webinar = await createWebinar({ capacity: 10 })
    await Promise.all(range(14).map((index) => register(webinar.slug, `lowered${index}@seats.test`)))
    const patch = (capacity: number | null) =>
      testApp.app.inject({ method: 'PATCH', url: `/api/webinars/${webinar.id}`, headers: staff(), payload: { capacity } })
    // Lowered while people register: each registration is counted by the capacity it met.
    const [lowered] = await Promise.all([patch(7), ...range(5).map((index) => register(webinar.slug, `during${index}@seats.test`))])
    expect(lowered!.statusCode, lowered!.body).toBe(200)
    let seats = await expectSeatsExact(webinar, { isOverCapacity: true })
    expect(seats.approved).toBe(10)
    expect((await register(webinar.slug, 'late@seats.test')).json().status).toBe('waitlisted')
    const waiting = await registrationsOf(webinar.id, 'waitlisted')
    expect((await staffAction(webinar.id, waiting[0]!.id, 'approve')).statusCode).toBe(409)

    // Three cancel: still 7 approved for 7 seats, so nobody is promoted; the fourth frees a seat under the capacity.
    const approved = await registrationsOf(webinar.id, 'approved')
    const tokens = await Promise.all(approved.slice(0, 4).map(({ email }) => joinTokenMailedTo(testApp, email, ['confirmation'])))
    await Promise.all(tokens.slice(0, 3).map((token) => cancelByLink(token)))
    seats = await expectSeatsExact(webinar)
    expect(seats.approved).toBe(7)
    expect((await registrationsOf(webinar.id, 'waitlisted')).map(({ id }) => id)).toEqual(waiting.map(({ id }) => id))
    await cancelByLink(tokens[3]!)
    seats = await expectSeatsExact(webinar)
    expect(seats.approved).toBe(7)
    expect((await registrationsOf(webinar.id, 'waitlisted')).map(({ id }) => id)).toEqual(waiting.slice(1).map(({ id }) => id))

    // No capacity: every newcomer is seated, and the count goes on.
    expect((await patch(null)).statusCode).toBe(200)
    await Promise.all(range(5).map((index) => register(webinar.slug, `open${index}@seats.test`)))
    seats = await expectSeatsExact(webinar, { isWaitlistFull: false })
    expect(seats.approved).toBe(12)
  }, 60_000)
})
