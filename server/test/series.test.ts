import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createJobQueue, queueNames } from '../src/jobs/job-queue.ts'
import { createTestApp, csrfHeaders, setUpOwner, type TestApp } from './support/test-app.ts'
import { waitFor } from './support/wait-for.ts'

// A clock the tests move: the series starts in March 2027, across Berlin's change to summer time (28 March).
let now = new Date('2027-02-20T09:00:00Z')
const clock = { now: () => now }

let testApp: TestApp
let ownerCookie: string
beforeAll(async () => {
  testApp = await createTestApp({ clock })
  ownerCookie = await setUpOwner(testApp.app)
})
afterAll(() => testApp.close())

const asOwner = () => ({ cookie: ownerCookie, ...csrfHeaders })

const weeklyInBerlin = (overrides: Record<string, unknown> = {}) => ({
  title: 'Office hours',
  description: 'Bring your questions.',
  timezone: 'Europe/Berlin',
  firstDate: '2027-03-16',
  localTime: '10:00',
  durationMinutes: 45,
  recurrence: { frequency: 'weekly', interval: 1, count: 6 },
  ...overrides,
})

async function createSeries(body: Record<string, unknown>) {
  return testApp.app.inject({ method: 'POST', url: '/api/series', headers: asOwner(), payload: body })
}

/** What a Berlin clock shows at an instant. */
const berlinClock = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso))

interface Occurrence {
  webinarId: string
  slug: string
  date: string
  startTime: string
  status: string
}

describe('a weekly series across the change to summer time', () => {
  let series: { id: string; slug: string; occurrences: Occurrence[]; rrule: string }

  it('creates six occurrences at 10:00 Berlin time, each a webinar with its own Stream call; the UTC instant moves an hour at the change', async () => {
    const response = await createSeries(weeklyInBerlin())
    expect(response.statusCode, response.body).toBe(201)
    series = response.json()
    expect(series.rrule).toBe('DTSTART:20270316T100000\nRRULE:INTERVAL=1;COUNT=6;FREQ=WEEKLY;BYDAY=TU;WKST=MO')
    expect(series.occurrences.map((occurrence) => occurrence.date)).toEqual(['2027-03-16', '2027-03-23', '2027-03-30', '2027-04-06', '2027-04-13', '2027-04-20'])
    expect(series.occurrences.map((occurrence) => occurrence.startTime)).toEqual([
      '2027-03-16T09:00:00.000Z',
      '2027-03-23T09:00:00.000Z',
      '2027-03-30T08:00:00.000Z',
      '2027-04-06T08:00:00.000Z',
      '2027-04-13T08:00:00.000Z',
      '2027-04-20T08:00:00.000Z',
    ])
    expect(series.occurrences.every((occurrence) => berlinClock(occurrence.startTime) === '10:00')).toBe(true)

    const calls = new Set<string>()
    for (const occurrence of series.occurrences) {
      const webinar = (await testApp.app.inject({ method: 'GET', url: `/api/webinars/${occurrence.webinarId}`, headers: asOwner() })).json()
      expect(webinar).toMatchObject({ status: 'scheduled', provisioning: 'ready', series: { id: series.id, slug: series.slug, title: 'Office hours' } })
      calls.add(webinar.streamCallCid)
      expect(testApp.emulator.getCall(webinar.streamCallType, webinar.streamCallId)!.starts_at).toBe(occurrence.startTime)
    }
    expect(calls.size).toBe(6)
  })

  it('lets a visitor register for every upcoming occurrence: one mail with a working personal link per occurrence', async () => {
    const page = await testApp.app.inject({ method: 'GET', url: `/api/public/series/${series.slug}` })
    expect(page.statusCode).toBe(200)
    expect(page.json().occurrences).toHaveLength(6)

    const response = await testApp.app.inject({
      method: 'POST',
      url: `/api/public/series/${series.slug}/registrations`,
      payload: { occurrence: 'all', name: 'Ada Lovelace', email: 'ada@example.com', timezone: 'America/New_York' },
    })
    expect(response.statusCode, response.body).toBe(201)
    expect(response.json().occurrences.map((occurrence: { status: string }) => occurrence.status)).toEqual(Array(6).fill('approved'))

    const mails = (await testApp.app.inject({ method: 'GET', url: '/api/mailbox?to=ada@example.com', headers: asOwner() })).json().items
    expect(mails.map((mail: { kind: string }) => mail.kind)).toEqual(['series_registered'])
    const mail = (await testApp.app.inject({ method: 'GET', url: `/api/mailbox/${mails[0].id}`, headers: asOwner() })).json()
    const tokens = [...new Set([...mail.text.matchAll(/\/join\/([A-Za-z0-9_-]{43})/g)].map((match: RegExpMatchArray) => match[1]))]
    expect(tokens).toHaveLength(6)
    expect(mail.text).not.toMatch(/__join_token_of_/)
    const joined = []
    for (const token of tokens) {
      const join = await testApp.app.inject({ method: 'GET', url: `/api/join/${token}` })
      expect(join.statusCode).toBe(200)
      joined.push(join.json().webinar.startTime)
    }
    expect(joined).toEqual(series.occurrences.map((occurrence) => occurrence.startTime))
    const counted = (await testApp.app.inject({ method: 'GET', url: `/api/series/${series.id}`, headers: asOwner() })).json()
    expect(counted.occurrences.map((occurrence: { registrations: number }) => occurrence.registrations)).toEqual([1, 1, 1, 1, 1, 1])
    const listed = (await testApp.app.inject({ method: 'GET', url: '/api/series', headers: asOwner() })).json()
    expect(listed.items).toEqual([expect.objectContaining({ id: series.id, upcomingOccurrences: 6, nextStartTime: '2027-03-16T09:00:00.000Z' })])

    // The stored mail holds placeholders, never a working link.
    const { rows } = await testApp.database.pool.query<{ text: string }>(`select text from email_messages where kind = 'series_registered'`)
    expect(rows[0]!.text).not.toMatch(/\/join\/(?!__)[A-Za-z0-9_-]{43}/)
  })

  it('registers for one occurrence with its usual confirmation', async () => {
    const response = await testApp.app.inject({
      method: 'POST',
      url: `/api/public/series/${series.slug}/registrations`,
      payload: { occurrence: series.occurrences[2]!.webinarId, name: 'Bob Byte', email: 'bob@example.com' },
    })
    expect(response.statusCode, response.body).toBe(201)
    expect(response.json().occurrences).toHaveLength(1)
    const mails = (await testApp.app.inject({ method: 'GET', url: '/api/mailbox?to=bob@example.com', headers: asOwner() })).json().items
    expect(mails.map((mail: { kind: string; webinarId: string }) => [mail.kind, mail.webinarId])).toEqual([['confirmation', series.occurrences[2]!.webinarId]])
  })

  it('changes "this and following": later occurrences move to 11:00 Berlin time, earlier ones stay', async () => {
    const response = await testApp.app.inject({
      method: 'POST',
      url: `/api/series/${series.id}/following`,
      headers: asOwner(),
      payload: { fromWebinarId: series.occurrences[3]!.webinarId, localTime: '11:00', title: 'Office hours (new slot)' },
    })
    expect(response.statusCode, response.body).toBe(200)
    const updated = response.json()
    expect(updated.localTime).toBe('11:00')
    expect(updated.occurrences.map((occurrence: Occurrence) => berlinClock(occurrence.startTime))).toEqual(['10:00', '10:00', '10:00', '11:00', '11:00', '11:00'])
    expect(updated.occurrences.map((occurrence: { title: string }) => occurrence.title)).toEqual([
      'Office hours',
      'Office hours',
      'Office hours',
      'Office hours (new slot)',
      'Office hours (new slot)',
      'Office hours (new slot)',
    ])
  })

  it('cancels the series: every occurrence is cancelled, and each registrant gets one mail', async () => {
    const response = await testApp.app.inject({ method: 'POST', url: `/api/series/${series.id}/cancel`, headers: asOwner() })
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json().occurrences.map((occurrence: Occurrence) => occurrence.status)).toEqual(Array(6).fill('cancelled'))
    const cancellations = await waitFor(async () => {
      const { rows } = await testApp.database.pool.query<{ to_email: string; kind: string }>(
        `select to_email, kind from email_messages where kind in ('series_cancelled', 'webinar_cancelled') order by to_email`,
      )
      return rows.length >= 2 ? rows : undefined
    })
    expect(cancellations).toEqual([
      { to_email: 'ada@example.com', kind: 'series_cancelled' },
      { to_email: 'bob@example.com', kind: 'series_cancelled' },
    ])
    const { rows } = await testApp.database.pool.query<{ text: string }>(`select text from email_messages where kind = 'series_cancelled' and to_email = 'ada@example.com'`)
    expect(rows[0]!.text).toContain('These 6 sessions you registered for')
  })
})

describe('rules that yield nothing, too much, or a time that does not exist', () => {
  const refused = async (body: Record<string, unknown>, field: string, message: RegExp) => {
    const response = await createSeries(body)
    expect(response.statusCode, response.body).toBe(400)
    expect(response.json().error.fields).toHaveProperty(field)
    expect(response.json().error.message).toMatch(message)
  }

  it('refuses a rule without an end', () => refused(weeklyInBerlin({ recurrence: { frequency: 'weekly', interval: 1 } }), 'recurrence', /needs an end/))
  it('refuses a rule that yields no occurrence', () =>
    refused(weeklyInBerlin({ recurrence: { frequency: 'weekly', interval: 1, until: '2027-03-01' } }), 'recurrence', /no occurrence/))
  it('refuses more than 100 occurrences', () =>
    refused(weeklyInBerlin({ recurrence: { frequency: 'weekly', interval: 1, until: '2030-12-31' } }), 'recurrence', /more than 100/))
  it('refuses a time the clocks skip on one of the dates (02:30 on 28 March in Berlin)', () =>
    refused(weeklyInBerlin({ firstDate: '2027-03-21', localTime: '02:30', recurrence: { frequency: 'weekly', interval: 1, count: 3 } }), 'localTime', /does not exist on 2027-03-28/))
  it('refuses a first occurrence in the past', () => refused(weeklyInBerlin({ firstDate: '2027-01-05' }), 'firstDate', /future/))
  it('refuses weekdays on a monthly rule', () =>
    refused(weeklyInBerlin({ recurrence: { frequency: 'monthly', interval: 1, count: 3, weekdays: ['MO'] } }), 'recurrence.weekdays', /weekly/))
  it('refuses a date that does not exist', () => refused(weeklyInBerlin({ firstDate: '2027-02-30' }), 'firstDate', /not a date/))

  it('refuses an unknown field with the error shape, never a 500', async () => {
    const response = await createSeries({ ...weeklyInBerlin(), rrule: 'FREQ=DAILY' })
    expect(response.statusCode).toBe(400)
    expect(response.json().error.code).toBe('validation_failed')
  })
})

describe('the horizon', () => {
  it('creates occurrences within 180 days, and the hourly job adds the next ones as time passes', async () => {
    const response = await createSeries(
      weeklyInBerlin({ title: 'Monthly review', firstDate: '2027-03-02', recurrence: { frequency: 'monthly', interval: 1, count: 12 } }),
    )
    expect(response.statusCode, response.body).toBe(201)
    const series = response.json()
    // 2 March 2027 is the first Tuesday: every first Tuesday, up to 180 days after 20 February.
    expect(series.occurrences.map((occurrence: Occurrence) => occurrence.date)).toEqual(['2027-03-02', '2027-04-06', '2027-05-04', '2027-06-01', '2027-07-06', '2027-08-03'])
    expect(series.laterDates).toHaveLength(6)

    now = new Date('2027-05-20T09:00:00Z')
    const jobs = createJobQueue({ connectionString: testApp.database.url, retryDelaySeconds: 1, logger: { error: () => {}, warn: () => {} } })
    await jobs.start()
    try {
      await jobs.send(queueNames.topUpSeries, {})
      const added = await waitFor(async () => {
        const current = (await testApp.app.inject({ method: 'GET', url: `/api/series/${series.id}`, headers: asOwner() })).json()
        return current.occurrences.length > 6 ? current.occurrences.map((occurrence: Occurrence) => occurrence.date).slice(6) : undefined
      })
      expect(added).toEqual(['2027-09-07', '2027-10-05', '2027-11-02'])
    } finally {
      await jobs.stop()
    }
  })
})

describe('who may see a series', () => {
  it('answers only to staff', async () => {
    expect((await testApp.app.inject({ method: 'GET', url: '/api/series' })).statusCode).toBe(401)
    expect((await testApp.app.inject({ method: 'GET', url: '/api/public/series/no-such-series' })).statusCode).toBe(404)
  })
})
