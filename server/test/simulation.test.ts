import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Webinar } from '@webinar/shared/webinars'
import { planAttendeeVisits, type VisitStep } from '../src/simulation/plan-attendee-visits.ts'
import { conflict } from '../src/errors.ts'
import { createSimulationService } from '../src/simulation/simulation-service.ts'
import type { Staff } from '../src/users/staff.ts'
import { createTestApp, csrfHeaders, setUpOwner, type TestApp } from './support/test-app.ts'
import { waitFor } from './support/wait-for.ts'

// Simulated attendees (local mode): the plan's shape, then the route against the real app and its Stream emulator,
// whose participant webhooks come back as attendance and show in the report.

/** A seeded source (mulberry32): the same plan on every run. */
function seeded(seed: number): () => number {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let value = Math.imul(state ^ (state >>> 15), 1 | state)
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296
  }
}

/** Per person: the most connections open at once, and how many are still open after their last step. */
function connectionsOf(steps: VisitStep[]) {
  const people = new Map<string, { open: number; most: number; joins: number; isNeverNegative: boolean }>()
  for (const step of steps) {
    const person = people.get(step.registrationId) ?? { open: 0, most: 0, joins: 0, isNeverNegative: true }
    person.open += step.action === 'join' ? 1 : -1
    if (step.action === 'join') person.joins++
    person.most = Math.max(person.most, person.open)
    if (person.open < 0) person.isNeverNegative = false
    people.set(step.registrationId, person)
  }
  return [...people.values()]
}

describe('the plan of a simulated audience', () => {
  it('has everyone join, no leave before its join, and every step within the span', () => {
    for (const [seed, overMs] of [[1, 10_000], [2, 180_000], [3, 600_000]] as const) {
      const ids = Array.from({ length: 200 }, (_, index) => `r${index}`)
      const steps = planAttendeeVisits(ids, overMs, seeded(seed))
      expect(steps.every((step) => step.atMs >= 0 && step.atMs <= overMs)).toBe(true)
      expect(steps.map((step) => step.atMs)).toEqual([...steps.map((step) => step.atMs)].sort((a, b) => a - b))
      const people = connectionsOf(steps)
      expect(people).toHaveLength(200)
      expect(people.every((person) => person.joins >= 1 && person.isNeverNegative && person.open <= 1)).toBe(true)
      // Something shows at once: the first arrives within two seconds.
      expect(steps[0]).toMatchObject({ action: 'join' })
      expect(steps[0]!.atMs).toBeLessThanOrEqual(2000)
      // Like an audience: some step out and come back, some have two tabs, some leave early, most stay.
      const cameBack = people.filter((person) => person.joins === 2 && person.most === 1).length
      const twoTabs = people.filter((person) => person.most === 2).length
      const left = people.filter((person) => person.open === 0).length
      console.log(`plan over ${overMs / 1000} s: ${cameBack} came back, ${twoTabs} had two tabs, ${left} left before the end, ${200 - left} stayed`)
      expect(cameBack).toBeGreaterThan(20)
      expect(twoTabs).toBeGreaterThan(10)
      expect(left).toBeGreaterThan(40)
      expect(200 - left).toBeGreaterThan(80)
    }
  })
})

describe('the simulation service', () => {
  it('drops every pending step when stopped (the app closing)', async () => {
    vi.useFakeTimers()
    try {
      const joined: string[] = []
      const live = { id: 'w1', status: 'live', streamCallType: 'webinar', streamCallId: 'wbn_w1' } as Webinar
      const service = createSimulationService({
        webinars: { get: async () => live },
        registrations: {
          list: async (_webinarId, query) => {
            const items = query.status === 'approved' ? [1, 2, 3].map((index) => ({ id: `00000000-0000-4000-8000-00000000000${index}`, email: `p${index}@example.com` })) : []
            return { items, total: items.length, limit: 500, offset: 0 } as never
          },
          // The room is full: nobody new gets in.
          addByStaff: async () => {
            throw conflict('There are no seats left.')
          },
          changeStatus: async () => {
            throw conflict('There are no seats left.')
          },
        },
        participants: {
          joinParticipant: (_type, _id, userId) => {
            joined.push(userId)
            return {} as never
          },
          leaveParticipant: () => ({}) as never,
        },
        logger: { info: () => {} },
        random: seeded(7),
      })
      expect(await service.simulate({} as Staff, 'w1', { count: 3, overSeconds: 60 })).toEqual({ count: 3, registered: 0, overSeconds: 60 })
      await vi.advanceTimersByTimeAsync(2000)
      const beforeStop = joined.length
      expect(beforeStop).toBeGreaterThanOrEqual(1)
      service.stop()
      await vi.advanceTimersByTimeAsync(120_000)
      expect(joined).toHaveLength(beforeStop)
      // Pressing again picks other people: all three went in already, and the room is full.
      await expect(service.simulate({} as Staff, 'w1', { count: 1 })).rejects.toThrow(/Nobody is left to simulate/)
    } finally {
      vi.useRealTimers()
    }
  })
})

describe('simulating attendees through the app', () => {
  let testApp: TestApp
  let headers: Record<string, string>

  beforeAll(async () => {
    testApp = await createTestApp({ env: { RATE_LIMIT_PER_MINUTE: '100000' } })
    headers = { cookie: await setUpOwner(testApp.app), ...csrfHeaders }
  }, 60_000)
  afterAll(() => testApp?.close())

  async function request<T = Record<string, unknown>>(method: 'GET' | 'POST', url: string, payload?: object): Promise<{ status: number; body: T }> {
    const response = await testApp.app.inject({ method, url, headers, ...(payload ? { payload } : {}) })
    return { status: response.statusCode, body: response.json() as T }
  }
  async function createWebinar(fields: object = {}): Promise<Webinar> {
    const created = await request<Webinar>('POST', '/api/webinars', {
      title: 'Simulated',
      startTime: new Date(Date.now() + 5 * 60_000).toISOString(),
      timezone: 'UTC',
      durationMinutes: 60,
      ...fields,
    })
    expect(created.status).toBe(201)
    return created.body
  }
  const simulate = (webinarId: string, body: object) => request<{ count: number; registered: number; overSeconds: number }>('POST', `/api/webinars/${webinarId}/simulate-attendees`, body)
  const reportOf = async (webinarId: string) => (await request<{ joined: number; peakConcurrent: number; timeline: unknown[] }>('GET', `/api/webinars/${webinarId}/report`)).body

  it('refuses a webinar that is not live, in the error shape, and bodies outside the contract', async () => {
    const webinar = await createWebinar()
    const notLive = await simulate(webinar.id, { count: 5 })
    expect(notLive.status).toBe(409)
    expect(notLive.body).toMatchObject({ error: { code: 'conflict', message: 'Attendees can be simulated only while the webinar is live: start it first.' } })
    for (const body of [{ count: 0 }, { count: 201 }, { count: 5, overSeconds: 5 }, { count: 5, extra: true }, {}]) {
      expect((await simulate(webinar.id, body)).status, JSON.stringify(body)).toBe(400)
    }
    expect((await simulate('00000000-0000-4000-8000-000000000000', { count: 1 })).status).toBe(404)
  })

  it('sends approved registrants in first, then registers new ones, and the report counts them as they join', async () => {
    const webinar = await createWebinar({ title: 'Busy' })
    const existing: string[] = []
    for (const name of ['Ada', 'Ben']) {
      const added = await request<{ registration: { id: string } }>('POST', `/api/webinars/${webinar.id}/registrations`, { name, email: `${name.toLowerCase()}@example.com` })
      existing.push(added.body.registration.id)
    }
    expect((await request('POST', `/api/webinars/${webinar.id}/start`)).status).toBe(200)

    const started = Date.now()
    const answer = await simulate(webinar.id, { count: 5, overSeconds: 10 })
    expect(answer).toEqual({ status: 202, body: { count: 5, registered: 3, overSeconds: 10 } })
    // Everyone arrives within the first 60 % of the span; the emulator's webhooks become attendance.
    const firstJoinMs = await waitFor(async () => ((await reportOf(webinar.id)).joined > 0 ? Date.now() - started : undefined), 5000)
    await waitFor(async () => ((await reportOf(webinar.id)).joined === 5 ? true : undefined), 15_000)
    const report = await reportOf(webinar.id)
    expect(report.peakConcurrent).toBeGreaterThanOrEqual(1)
    expect(report.timeline.length).toBeGreaterThanOrEqual(1)

    const list = await request<{ items: { id: string; name: string; email: string; status: string; source: string; firstJoinedAt: string | null }[] }>(
      'GET',
      `/api/webinars/${webinar.id}/registrations?limit=50`,
    )
    const byName = Object.fromEntries(list.body.items.map((item) => [item.name, item]))
    expect(Object.keys(byName).sort()).toEqual(['Ada', 'Ben', 'Simulated attendee 1', 'Simulated attendee 2', 'Simulated attendee 3'])
    expect(list.body.items.every((item) => item.status === 'approved' && item.firstJoinedAt !== null)).toBe(true)
    expect(byName['Simulated attendee 2']).toMatchObject({ email: 'simulated-attendee-2@example.invalid', source: 'admin' })
    // Registered as staff register people: each got their confirmation, kept in the outbox (no SMTP here).
    const { rows } = await testApp.database.pool.query<{ to_email: string }>(
      "select to_email from email_messages where webinar_id = $1 and kind = 'confirmation' and to_email like '%@example.invalid' order by to_email",
      [webinar.id],
    )
    expect(rows.map((row) => row.to_email)).toEqual(['simulated-attendee-1@example.invalid', 'simulated-attendee-2@example.invalid', 'simulated-attendee-3@example.invalid'])

    // Pressing again brings new people (numbered on), not the ones already in.
    expect((await simulate(webinar.id, { count: 2, overSeconds: 10 })).body).toEqual({ count: 2, registered: 2, overSeconds: 10 })
    await waitFor(async () => ((await reportOf(webinar.id)).joined === 7 ? true : undefined), 15_000)

    // Ending the webinar refuses the steps still to come, quietly (a real viewer would not get in either).
    expect((await request('POST', `/api/webinars/${webinar.id}/end`)).status).toBe(200)
    await new Promise((resolve) => setTimeout(resolve, 1000))
    expect((await simulate(webinar.id, { count: 1 })).status).toBe(409)
    console.log(`first simulated join counted in the report after ${firstJoinMs} ms; 7 joined of 7`)
  }, 60_000)

  it('approves new registrants under manual approval, and stops at the capacity', async () => {
    const webinar = await createWebinar({ title: 'Small room', approvalMode: 'manual', capacity: 3 })
    expect((await request('POST', `/api/webinars/${webinar.id}/start`)).status).toBe(200)
    const answer = await simulate(webinar.id, { count: 10, overSeconds: 10 })
    expect(answer).toEqual({ status: 202, body: { count: 3, registered: 3, overSeconds: 10 } })
    const list = await request<{ items: { status: string }[] }>('GET', `/api/webinars/${webinar.id}/registrations?limit=50`)
    // A fourth could not be approved (no seat left): it stays pending and is not sent in.
    expect(list.body.items.map((item) => item.status).sort()).toEqual(['approved', 'approved', 'approved', 'pending'])
    await waitFor(async () => ((await reportOf(webinar.id)).joined === 3 ? true : undefined), 15_000)
  }, 30_000)

  it('drops its steps when the app closes, which does not wait for them', async () => {
    const own = await createTestApp()
    const cookie = await setUpOwner(own.app)
    const asOwner = (url: string, payload?: object) => own.app.inject({ method: 'POST', url, headers: { cookie, ...csrfHeaders }, ...(payload ? { payload } : {}) })
    const webinar = (await asOwner('/api/webinars', { title: 'Closing', startTime: new Date(Date.now() + 5 * 60_000).toISOString(), timezone: 'UTC', durationMinutes: 30 })).json()
    expect((await asOwner(`/api/webinars/${webinar.id}/start`)).statusCode).toBe(200)
    expect((await asOwner(`/api/webinars/${webinar.id}/simulate-attendees`, { count: 40, overSeconds: 600 })).statusCode).toBe(202)
    const call = () => own.emulator.getCall(webinar.streamCallType, webinar.streamCallId)
    await waitFor(async () => ((call()?.participants.length ?? 0) > 0 ? true : undefined), 5000)
    const closing = Date.now()
    await own.close()
    expect(Date.now() - closing).toBeLessThan(5000)
  }, 60_000)

  it('does not exist with Stream keys (no emulator to join through)', async () => {
    const withStream = await createTestApp({ env: { STREAM_API_KEY: 'a-stream-key', STREAM_API_SECRET: 'a-stream-secret-0123456789abcdef' } })
    try {
      const cookie = await setUpOwner(withStream.app)
      const webinar = await withStream.app.inject({
        method: 'POST',
        url: '/api/webinars',
        headers: { cookie, ...csrfHeaders },
        payload: { title: 'With Stream', startTime: new Date(Date.now() + 5 * 60_000).toISOString(), timezone: 'UTC', durationMinutes: 30 },
      })
      const answer = await withStream.app.inject({ method: 'POST', url: `/api/webinars/${webinar.json().id}/simulate-attendees`, headers: { cookie, ...csrfHeaders }, payload: { count: 1 } })
      expect(answer.statusCode).toBe(404)
      expect(answer.json().error.code).toBe('not_found')
    } finally {
      await withStream.close()
    }
  }, 60_000)
})
