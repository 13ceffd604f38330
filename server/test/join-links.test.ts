import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectDatabase } from '../src/db/client.ts'
import { createTestApp, csrfHeaders, setUpOwner, type TestApp } from './support/test-app.ts'

// Personal links are looked up in batches (join/join-link-lookup.ts): what arrives together goes to PostgreSQL in
// one statement. Each answer must still be its own registration's, and as the database has it at that moment, on
// every instance: nothing is kept between requests.

let first: TestApp
let second: TestApp
let ownerCookie: string
let webinar: { id: string; slug: string; streamCallType: string; streamCallId: string }

// One address stands for everyone here: the per-address limits are opened.
const env = { REGISTRATIONS_PER_IP_PER_MINUTE: '10000', RATE_LIMIT_PER_MINUTE: '100000' }

beforeAll(async () => {
  first = await createTestApp({ env })
  // A second instance on the same database, with a pool of its own (its close leaves the database to the first).
  const handle = connectDatabase(first.database.url)
  second = await createTestApp({ env, database: { ...handle, url: first.database.url, drop: handle.close } })
  ownerCookie = await setUpOwner(first.app)
  const created = await first.app.inject({
    method: 'POST',
    url: '/api/webinars',
    headers: as(ownerCookie),
    payload: { title: 'Links in Bulk', startTime: new Date(Date.now() + 3600_000).toISOString(), timezone: 'Europe/Paris', durationMinutes: 60 },
  })
  expect(created.statusCode, created.body).toBe(201)
  webinar = created.json()
  const started = await first.app.inject({ method: 'POST', url: `/api/webinars/${webinar.id}/start`, headers: as(ownerCookie) })
  expect(started.statusCode, started.body).toBe(200)
})
afterAll(async () => {
  await second?.close()
  await first?.close()
})

function as(cookie: string) {
  return { cookie, ...csrfHeaders }
}

/** Registers people through the public form; their current links, derived as the app derives them. */
async function register(prefix: string, count: number): Promise<{ id: string; email: string; token: string }[]> {
  const people = []
  for (let index = 0; index < count; index++) {
    const email = `${prefix}-${index}@example.com`
    const response = await first.app.inject({ method: 'POST', url: `/api/public/webinars/${webinar.slug}/registrations`, payload: { name: `Person ${prefix} ${index}`, email } })
    expect(response.statusCode, response.body).toBe(201)
    people.push(await currentLink(email))
  }
  return people
}

async function currentLink(email: string): Promise<{ id: string; email: string; token: string }> {
  const { rows } = await first.database.pool.query<{ id: string; join_token_version: number }>('select id, join_token_version from registrations where email = $1', [email])
  const row = rows[0]!
  return { id: row.id, email, token: first.joinTokens.tokenFor(row.id, row.join_token_version) }
}

describe('personal links looked up together', () => {
  it('answers a burst of different links each with its own registration, in a few statements', async () => {
    const people = await register('burst', 40)
    const unknown = ['not-a-real-link-0000000000000000000000000', first.joinTokens.tokenFor(people[0]!.id, 99)]
    let statements = 0
    const countStatement = () => statements++
    first.database.pool.on('acquire', countStatement)
    const [pages, credentials, strangers] = await Promise.all([
      Promise.all(people.map((person) => first.app.inject({ method: 'GET', url: `/api/join/${person.token}` }))),
      Promise.all(people.map((person) => first.app.inject({ method: 'POST', url: `/api/join/${person.token}/stream-token` }))),
      Promise.all(unknown.map((token) => first.app.inject({ method: 'GET', url: `/api/join/${token}` }))),
    ])
    first.database.pool.off('acquire', countStatement)

    people.forEach((person, index) => {
      expect(pages[index]!.statusCode, pages[index]!.body).toBe(200)
      expect(pages[index]!.json().registration).toMatchObject({ email: person.email, streamUserId: `reg_${person.id}`, status: 'approved' })
      expect(credentials[index]!.statusCode, credentials[index]!.body).toBe(200)
      expect(credentials[index]!.json()).toMatchObject({ userId: `reg_${person.id}`, callId: webinar.streamCallId })
    })
    for (const stranger of strangers) expect(stranger.statusCode).toBe(404)
    // 82 lookups; a statement each would be 82 (the pool is the app's, so every query it makes is counted).
    expect(statements).toBeLessThan(20)
  })

  it('sees a link replaced, a registration cancelled or erased at once, on the other instance too', async () => {
    const [replaced, cancelled, erased, untouched] = await register('change', 4)
    const everyone = [replaced!, cancelled!, erased!, untouched!]
    // Both instances have just read every link (and would still hold them, were anything kept).
    for (const testApp of [first, second]) {
      const answers = await Promise.all(everyone.map((person) => testApp.app.inject({ method: 'POST', url: `/api/join/${person.token}/stream-token` })))
      expect(answers.map((answer) => answer.statusCode)).toEqual([200, 200, 200, 200])
    }

    // On the first instance: the staff re-send a link (a new version), the registrant cancels, another erases.
    const resent = await first.app.inject({ method: 'POST', url: `/api/webinars/${webinar.id}/registrations/${replaced!.id}/resend`, headers: as(ownerCookie) })
    expect(resent.statusCode, resent.body).toBe(200)
    const cancel = await first.app.inject({ method: 'POST', url: `/api/join/${cancelled!.token}/cancel` })
    expect(cancel.statusCode, cancel.body).toBe(200)
    const erase = await first.app.inject({ method: 'POST', url: `/api/join/${erased!.token}/erase` })
    expect(erase.statusCode, erase.body).toBe(200)
    const newLink = await currentLink(replaced!.email)
    expect(newLink.token).not.toBe(replaced!.token)

    // Straight away, on both instances, in one burst each.
    for (const testApp of [second, first]) {
      const [oldLink, newPage, cancelledCredentials, cancelledPage, erasedCredentials, untouchedCredentials] = await Promise.all([
        testApp.app.inject({ method: 'POST', url: `/api/join/${replaced!.token}/stream-token` }),
        testApp.app.inject({ method: 'GET', url: `/api/join/${newLink.token}` }),
        testApp.app.inject({ method: 'POST', url: `/api/join/${cancelled!.token}/stream-token` }),
        testApp.app.inject({ method: 'GET', url: `/api/join/${cancelled!.token}` }),
        testApp.app.inject({ method: 'POST', url: `/api/join/${erased!.token}/stream-token` }),
        testApp.app.inject({ method: 'POST', url: `/api/join/${untouched!.token}/stream-token` }),
      ])
      expect(oldLink.statusCode).toBe(404)
      expect(newPage.statusCode).toBe(200)
      expect(newPage.json().registration.email).toBe(replaced!.email)
      expect(cancelledCredentials.statusCode).toBe(403)
      expect(cancelledPage.json().registration.status).toBe('cancelled')
      // Erasure retires the link itself.
      expect(erasedCredentials.statusCode).toBe(404)
      expect(untouchedCredentials.statusCode).toBe(200)
    }
  })

  it('sees the webinar as it is now: ended, the room is closed on both instances', async () => {
    const [person] = await register('ended', 1)
    for (const testApp of [first, second]) expect((await testApp.app.inject({ method: 'POST', url: `/api/join/${person!.token}/stream-token` })).statusCode).toBe(200)
    const ended = await first.app.inject({ method: 'POST', url: `/api/webinars/${webinar.id}/end`, headers: as(ownerCookie) })
    expect(ended.statusCode, ended.body).toBe(200)
    for (const testApp of [second, first]) {
      const [credentials, page] = await Promise.all([
        testApp.app.inject({ method: 'POST', url: `/api/join/${person!.token}/stream-token` }),
        testApp.app.inject({ method: 'GET', url: `/api/join/${person!.token}` }),
      ])
      expect(credentials.statusCode).toBe(409)
      expect(page.json().webinar.status).toBe('ended')
    }
  })
})
