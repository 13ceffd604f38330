import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { webhookTimeoutMs } from '../src/outgoing-webhooks/deliver-webhook.ts'
import { createWebhookSecrets } from '../src/outgoing-webhooks/webhook-secret.ts'
import { isPublicAddress, resolveWebhookUrl } from '../src/outgoing-webhooks/webhook-url-guard.ts'
import { joinTokenMailedTo } from './support/mail.ts'
import { createTestApp, csrfHeaders, setUpOwner, type TestApp } from './support/test-app.ts'
import { waitFor } from './support/wait-for.ts'
import { startWebhookReceiver, verifiedWebhook as verified, type WebhookReceiver } from './support/webhook-receiver.ts'

// Outgoing webhooks end to end: real receivers (node:http on 127.0.0.1) get each event once, signed so that the
// Standard Webhooks reference library verifies it; failures are retried with backoff, a hanging receiver holds
// nobody else up, a long run of failures turns the endpoint off; private addresses are refused without the
// setting, when saved and when delivered.

interface Endpoint {
  id: string
  url: string
  eventTypes: string[]
  isEnabled: boolean
  disabledReason: string | null
  consecutiveFailures: number
}
interface Delivery {
  id: string
  eventType: string
  status: string
  attempts: number
  lastStatusCode: number | null
  lastError: string | null
  payload: { type: string; data: Record<string, unknown> }
}

/** The app's clock runs this far ahead of the real one (the disabling test moves it a day on). */
let clockOffsetMs = 0
let testApp: TestApp
let headers: Record<string, string>
const receivers: WebhookReceiver[] = []
let sequence = 0
const unique = (label: string) => `${label}-${++sequence}`

beforeAll(async () => {
  testApp = await createTestApp({
    clock: { now: () => new Date(Date.now() + clockOffsetMs) },
    // The receivers listen on 127.0.0.1; the refusal of private addresses is tested on an app of its own below.
    env: { WEBHOOK_ALLOW_PRIVATE_URLS: 'true', REGISTRATIONS_PER_IP_PER_MINUTE: '10000', RATE_LIMIT_PER_MINUTE: '100000' },
  })
  headers = { cookie: await setUpOwner(testApp.app), ...csrfHeaders }
})
afterAll(async () => {
  for (const receiver of receivers) await receiver.close()
  await testApp?.close()
})
// Every test starts without endpoints: events of one test must not reach the receivers of the next.
afterEach(async () => {
  clockOffsetMs = 0
  for (const endpoint of (await api<{ items: Endpoint[] }>('GET', '/api/webhook-endpoints')).items) {
    await api('DELETE', `/api/webhook-endpoints/${endpoint.id}`, undefined, 204)
  }
})

async function api<T = Record<string, unknown>>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, status?: number): Promise<T> {
  const response = await testApp.app.inject({ method, url, headers, ...(payload ? { payload } : {}) })
  if (status !== undefined) expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(status)
  else expect(response.statusCode, `${method} ${url}: ${response.body}`).toBeLessThan(300)
  return (response.body ? response.json() : undefined) as T
}

async function receiver(behaviour?: Parameters<typeof startWebhookReceiver>[0]): Promise<WebhookReceiver> {
  const started = await startWebhookReceiver(behaviour)
  receivers.push(started)
  return started
}

async function addEndpoint(url: string, extra: { eventTypes?: string[]; description?: string } = {}): Promise<{ endpoint: Endpoint; secret: string }> {
  return api('POST', '/api/webhook-endpoints', { url, ...extra }, 201)
}

async function createWebinar(): Promise<{ id: string; slug: string }> {
  return api('POST', '/api/webinars', {
    title: unique('Webhook webinar'),
    startTime: new Date(Date.now() + 7 * 24 * 3600_000).toISOString(),
    timezone: 'UTC',
    durationMinutes: 60,
  })
}

async function registerPublicly(slug: string, email = `${unique('registrant')}@example.com`): Promise<string> {
  const response = await testApp.app.inject({ method: 'POST', url: `/api/public/webinars/${slug}/registrations`, payload: { name: 'Ada Lovelace', email } })
  expect(response.statusCode, response.body).toBe(201)
  return email
}

async function deliveriesOf(endpointId: string, query = ''): Promise<{ items: Delivery[]; total: number }> {
  return api('GET', `/api/webhook-endpoints/${endpointId}/deliveries${query}`)
}

const waitLong = 20_000

describe('events reach their endpoints, signed', () => {
  it('sends registration.created when someone registers on the public page: once, verifiable, without the join link', async () => {
    const target = await receiver()
    const { endpoint, secret } = await addEndpoint(target.url, { description: 'CRM' })
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/)
    expect(Buffer.from(secret.slice('whsec_'.length), 'base64').length).toBeGreaterThanOrEqual(24)
    const webinar = await createWebinar()

    const email = await registerPublicly(webinar.slug)
    const [webhook] = await waitFor(async () => (target.received.length > 0 ? target.received : undefined))
    const message = verified(webhook!, secret)
    expect(message).toMatchObject({ type: 'registration.created', data: { email, name: 'Ada Lovelace', status: 'approved', webinarId: webinar.id, source: 'public' } })
    expect(Date.parse(message.timestamp)).not.toBeNaN()
    expect(webhook!.headers['content-type']).toBe('application/json')
    // The personal link opens the registrant's seat: it never leaves in a webhook.
    const joinToken = await joinTokenMailedTo(testApp, email)
    expect(webhook!.body).not.toContain(joinToken)

    const log = await waitFor(async () => {
      const page = await deliveriesOf(endpoint.id)
      return page.items[0]?.status === 'succeeded' ? page : undefined
    })
    expect(log.total).toBe(1)
    expect(log.items[0]).toMatchObject({ id: webhook!.headers['webhook-id'], eventType: 'registration.created', attempts: 1, lastStatusCode: 200, lastError: null })
    // Once: nothing more arrives.
    await new Promise((resolve) => setTimeout(resolve, 1500))
    expect(target.received).toHaveLength(1)
  })

  it('sends registration.updated for a new link, a status change and a cancellation by the registrant', async () => {
    const target = await receiver()
    const { secret } = await addEndpoint(target.url, { eventTypes: ['registration.updated'] })
    const webinar = await createWebinar()
    const email = await registerPublicly(webinar.slug)
    const { rows } = await testApp.database.pool.query<{ id: string }>('select id from registrations where email = $1', [email])
    const registrationId = rows[0]!.id

    await api('POST', `/api/webinars/${webinar.id}/registrations/${registrationId}/resend`)
    const token = await joinTokenMailedTo(testApp, email)
    const cancel = await testApp.app.inject({ method: 'POST', url: `/api/join/${token}/cancel` })
    expect(cancel.statusCode, cancel.body).toBe(200)

    const messages = await waitFor(async () => (target.received.length >= 2 ? target.received.map((webhook) => verified(webhook, secret)) : undefined))
    // Only the subscribed type: registration.created was not sent here. (Two deliveries may go at once: in any order.)
    expect(messages.map((message) => [message.type, message.data.id, message.data.status]).sort()).toEqual([
      ['registration.updated', registrationId, 'approved'],
      ['registration.updated', registrationId, 'cancelled'],
    ])
    expect(target.received.map((webhook) => webhook.body).join('')).not.toContain(token)
  })

  it('sends registration.updated for the waitlisted registrant who gets the seat freed by a rejection', async () => {
    const target = await receiver()
    const { secret } = await addEndpoint(target.url, { eventTypes: ['registration.updated'] })
    const webinar = await api<{ id: string; slug: string }>('POST', '/api/webinars', {
      title: unique('One seat'),
      startTime: new Date(Date.now() + 7 * 24 * 3600_000).toISOString(),
      timezone: 'UTC',
      durationMinutes: 60,
      capacity: 1,
    })
    const seated = await registerPublicly(webinar.slug)
    const waiting = await registerPublicly(webinar.slug)
    const { rows } = await testApp.database.pool.query<{ id: string }>('select id from registrations where email = $1', [seated])
    await api('POST', `/api/webinars/${webinar.id}/registrations/${rows[0]!.id}/reject`)

    const messages = await waitFor(async () => (target.received.length >= 2 ? target.received.map((webhook) => verified(webhook, secret)) : undefined))
    expect(messages.map((message) => [message.data.email, message.data.status]).sort()).toEqual([
      [seated, 'rejected'],
      [waiting, 'approved'],
    ])
  })

  it('sends webinar.started and webinar.ended when the owner starts and ends the webinar', async () => {
    const everything = await receiver()
    const endsOnly = await receiver()
    const all = await addEndpoint(everything.url)
    const ended = await addEndpoint(endsOnly.url, { eventTypes: ['webinar.ended'] })
    const webinar = await createWebinar()

    await api('POST', `/api/webinars/${webinar.id}/start`)
    await api('POST', `/api/webinars/${webinar.id}/end`)

    const messages = await waitFor(async () => (everything.received.length >= 2 ? everything.received.map((webhook) => verified(webhook, all.secret)) : undefined))
    expect(messages.map((message) => [message.type, message.data.id, message.data.status]).sort()).toEqual([
      ['webinar.ended', webinar.id, 'ended'],
      ['webinar.started', webinar.id, 'live'],
    ])
    const [endedMessage] = await waitFor(async () => (endsOnly.received.length > 0 ? endsOnly.received.map((webhook) => verified(webhook, ended.secret)) : undefined))
    expect(endedMessage).toMatchObject({ type: 'webinar.ended', data: { id: webinar.id, status: 'ended' } })
    await new Promise((resolve) => setTimeout(resolve, 1000))
    expect(everything.received).toHaveLength(2)
    expect(endsOnly.received).toHaveLength(1)
  })
})

describe('attendance and recordings reach their endpoints too', () => {
  it('sends attendance.updated as a registrant comes and goes, and recording.ready once the recording is in', async () => {
    const target = await receiver()
    const { secret } = await addEndpoint(target.url, { eventTypes: ['attendance.updated', 'recording.ready'] })
    const webinar = await createWebinar()
    const email = `${unique('viewer')}@example.com`
    await registerPublicly(webinar.slug, email)
    const { rows } = await testApp.database.pool.query<{ id: string }>('select id from registrations where email = $1', [email])
    const registrationId = rows[0]!.id
    const { streamCallType, streamCallId } = await api<{ streamCallType: string; streamCallId: string }>('GET', `/api/webinars/${webinar.id}`)

    await api('POST', `/api/webinars/${webinar.id}/start`)
    // The registrant joins through Stream (the emulator sends its participant webhooks), stays a moment and leaves.
    testApp.emulator.joinParticipant(streamCallType, streamCallId, `reg_${registrationId}`, { role: 'viewer' })
    await new Promise((resolve) => setTimeout(resolve, 1100))
    testApp.emulator.leaveParticipant(streamCallType, streamCallId, `reg_${registrationId}`)
    await testApp.emulator.whenWebhooksDelivered()
    await api('POST', `/api/webinars/${webinar.id}/end`)
    const recording = testApp.emulator.makeRecordingReady(streamCallType, streamCallId)
    await testApp.emulator.whenWebhooksDelivered()

    const messages = await waitFor(
      async () => {
        const verifiedMessages = target.received.map((webhook) => verified(webhook, secret))
        const hasLeft = verifiedMessages.some((message) => message.type === 'attendance.updated' && message.data.lastLeftAt !== null)
        return hasLeft && verifiedMessages.some((message) => message.type === 'recording.ready') ? verifiedMessages : undefined
      },
      waitLong,
    )
    const attendance = messages.filter((message) => message.type === 'attendance.updated').at(-1)!
    expect(attendance.data).toMatchObject({ id: registrationId, webinarId: webinar.id, email, attended: false })
    expect(attendance.data.watchSeconds).toBeGreaterThanOrEqual(1)
    expect(JSON.stringify(attendance)).not.toMatch(/joinToken|join_token/)
    const ready = messages.filter((message) => message.type === 'recording.ready')
    expect(ready).toHaveLength(1)
    expect(ready[0]!.data).toMatchObject({ webinarId: webinar.id, recording: { filename: recording.filename } })
  }, 40_000)
})

describe('failures, retries and slow receivers', () => {
  it('retries a receiver that fails twice (500): the third attempt delivers, with the same webhook-id', async () => {
    const flaky = await receiver((_, index) => (index < 2 ? 500 : 204))
    const { endpoint, secret } = await addEndpoint(flaky.url)
    const webinar = await createWebinar()
    await registerPublicly(webinar.slug)

    const delivered = await waitFor(async () => {
      const [delivery] = (await deliveriesOf(endpoint.id)).items
      return delivery?.status === 'succeeded' ? delivery : undefined
    }, waitLong)
    expect(delivered).toMatchObject({ attempts: 3, lastStatusCode: 204, lastError: null })
    expect(flaky.received).toHaveLength(3)
    expect(new Set(flaky.received.map((webhook) => webhook.headers['webhook-id']))).toEqual(new Set([delivered.id]))
    // Every attempt is signed afresh, and each verifies.
    for (const webhook of flaky.received) expect(verified(webhook, secret).type).toBe('registration.created')
    // With backoff: the retries waited (JOB_RETRY_DELAY_SECONDS is 1 here).
    expect(flaky.received[2]!.receivedAt - flaky.received[0]!.receivedAt).toBeGreaterThanOrEqual(1000)
  })

  it('records what the failing receiver said while it retries', async () => {
    const failing = await receiver(() => 503)
    const { endpoint } = await addEndpoint(failing.url)
    const webinar = await createWebinar()
    await registerPublicly(webinar.slug)
    const delivery = await waitFor(async () => {
      const [first] = (await deliveriesOf(endpoint.id)).items
      return first && first.attempts >= 1 ? first : undefined
    })
    expect(delivery).toMatchObject({ status: 'pending', lastStatusCode: 503, lastError: 'HTTP 503: receiver says 503' })
    expect((await api<Endpoint>('GET', `/api/webhook-endpoints/${endpoint.id}`)).consecutiveFailures).toBeGreaterThanOrEqual(1)
  })

  it(
    'a hanging receiver delays no other endpoint, holds at most two workers, and times out',
    async () => {
      const hanging = await receiver(() => 'hang')
      const fast = await receiver()
      const slow = await addEndpoint(hanging.url)
      await addEndpoint(fast.url)
      const webinar = await createWebinar()

      const startedAt = Date.now()
      for (let count = 0; count < 5; count++) await registerPublicly(webinar.slug)
      await waitFor(async () => (fast.received.length === 5 ? true : undefined), 5000)
      expect(Date.now() - startedAt).toBeLessThan(webhookTimeoutMs / 2)
      // Five deliveries wait for the hanging endpoint; only two of them may hold a worker at once.
      expect(hanging.mostOpenAtOnce()).toBeLessThanOrEqual(2)

      const timedOut = await waitFor(async () => (await deliveriesOf(slow.endpoint.id)).items.find((delivery) => delivery.attempts > 0), webhookTimeoutMs + 5000)
      expect(timedOut).toMatchObject({ status: 'pending', lastStatusCode: null, lastError: `No answer within ${webhookTimeoutMs / 1000} s.` })
    },
    30_000,
  )

  it(
    'turns an endpoint off after 50 failed attempts in a row over a day, says why, and starts afresh when enabled again',
    async () => {
      const broken = await receiver(() => 500)
      const { endpoint } = await addEndpoint(broken.url)
      const webinar = await createWebinar()
      // Fifty events in a burst fail at once: many failures, but not for long. The endpoint stays on.
      for (let count = 0; count < 50; count++) {
        await api('POST', `/api/webinars/${webinar.id}/registrations`, { name: 'Burst', email: `${unique('burst')}@example.com` }, 201)
      }
      await waitFor(async () => ((await api<Endpoint>('GET', `/api/webhook-endpoints/${endpoint.id}`)).consecutiveFailures >= 50 ? true : undefined), 45_000, 250)
      expect(await api<Endpoint>('GET', `/api/webhook-endpoints/${endpoint.id}`)).toMatchObject({ isEnabled: true, disabledReason: null })

      // A day later it is still failing: the next failure turns it off.
      clockOffsetMs = 25 * 3600_000
      await api('POST', `/api/webinars/${webinar.id}/registrations`, { name: 'Next day', email: `${unique('next-day')}@example.com` }, 201)
      const disabled = await waitFor(async () => {
        const current = await api<Endpoint>('GET', `/api/webhook-endpoints/${endpoint.id}`)
        return current.isEnabled ? undefined : current
      }, waitLong)
      expect(disabled.disabledReason).toMatch(/^Turned off on .+ UTC after \d+ failed attempts in a row over 2[45] hours \(last: HTTP 500: receiver says 500\)\. Fix the receiver/)

      // Off means off: new events make no deliveries for it, the ones still queued are not sent, resending is refused.
      const before = (await deliveriesOf(endpoint.id)).total
      await api('POST', `/api/webinars/${webinar.id}/registrations`, { name: 'While off', email: `${unique('off')}@example.com` }, 201)
      await new Promise((resolve) => setTimeout(resolve, 500))
      expect((await deliveriesOf(endpoint.id)).total).toBe(before)
      const [latest] = (await deliveriesOf(endpoint.id)).items
      await api('POST', `/api/webhook-endpoints/${endpoint.id}/deliveries/${latest!.id}/resend`, undefined, 409)

      const enabled = await api<Endpoint>('PATCH', `/api/webhook-endpoints/${endpoint.id}`, { isEnabled: true })
      expect(enabled).toMatchObject({ isEnabled: true, disabledReason: null, consecutiveFailures: 0 })
    },
    90_000,
  )
})

describe('the delivery log and resending', () => {
  it('lists deliveries latest first, a page at a time, and resends one with the same webhook-id', async () => {
    const target = await receiver()
    const { endpoint, secret } = await addEndpoint(target.url)
    const webinar = await createWebinar()
    const first = await registerPublicly(webinar.slug)
    const second = await registerPublicly(webinar.slug)
    await waitFor(async () => (target.received.length === 2 ? true : undefined))

    const page = await deliveriesOf(endpoint.id, '?limit=1')
    expect(page.total).toBe(2)
    expect(page.items).toHaveLength(1)
    expect(page.items[0]!.payload.data.email).toBe(second)
    const older = (await deliveriesOf(endpoint.id, '?limit=1&offset=1')).items[0]!
    expect(older.payload.data.email).toBe(first)

    const resent = await api<Delivery>('POST', `/api/webhook-endpoints/${endpoint.id}/deliveries/${older.id}/resend`, undefined, 202)
    expect(resent).toMatchObject({ id: older.id, status: 'pending' })
    await waitFor(async () => (target.received.length === 3 ? true : undefined))
    const again = target.received[2]!
    expect(again.headers['webhook-id']).toBe(older.id)
    expect(again.body).toBe(target.received.find((webhook) => webhook.headers['webhook-id'] === older.id)!.body)
    expect(verified(again, secret).data.email).toBe(first)
    const after = await waitFor(async () => {
      const delivery = (await deliveriesOf(endpoint.id)).items.find((item) => item.id === older.id)
      return delivery?.attempts === 2 && delivery.status === 'succeeded' ? delivery : undefined
    })
    expect(after.lastStatusCode).toBe(200)

    await api('POST', `/api/webhook-endpoints/${endpoint.id}/deliveries/00000000-0000-4000-8000-000000000000/resend`, undefined, 404)
  })

  it('keeps the secret encrypted, never shows it again, and signs with a rotated one from then on', async () => {
    const target = await receiver()
    const { endpoint, secret } = await addEndpoint(target.url)
    const { rows } = await testApp.database.pool.query<{ secret_ciphertext: string }>('select secret_ciphertext from webhook_endpoints where id = $1', [endpoint.id])
    expect(rows[0]!.secret_ciphertext).not.toContain(secret.slice('whsec_'.length, 20))
    expect(JSON.stringify(await api('GET', `/api/webhook-endpoints/${endpoint.id}`))).not.toContain(secret)
    expect(JSON.stringify(await api('GET', '/api/webhook-endpoints'))).not.toContain(secret)

    const rotated = await api<{ endpoint: Endpoint; secret: string }>('POST', `/api/webhook-endpoints/${endpoint.id}/rotate-secret`)
    expect(rotated.secret).not.toBe(secret)
    const webinar = await createWebinar()
    await registerPublicly(webinar.slug)
    const [webhook] = await waitFor(async () => (target.received.length > 0 ? target.received : undefined))
    expect(verified(webhook!, rotated.secret).type).toBe('registration.created')
    expect(() => verified(webhook!, secret)).toThrow()
  })

  it('validates what is saved: event types, unknown fields, unknown endpoints', async () => {
    const target = await receiver()
    const { endpoint } = await addEndpoint(target.url, { eventTypes: ['webinar.started', 'webinar.started'] })
    expect(endpoint.eventTypes).toEqual(['webinar.started'])
    await api('POST', '/api/webhook-endpoints', { url: target.url, eventTypes: ['webinar.exploded'] }, 400)
    await api('POST', '/api/webhook-endpoints', { url: target.url, secret: 'whsec_mine' }, 400)
    await api('PATCH', `/api/webhook-endpoints/${endpoint.id}`, {}, 400)
    await api('GET', '/api/webhook-endpoints/00000000-0000-4000-8000-000000000000', undefined, 404)
    const changed = await api<Endpoint & { description: string }>('PATCH', `/api/webhook-endpoints/${endpoint.id}`, { description: ' Data warehouse ', eventTypes: [] })
    expect(changed).toMatchObject({ description: 'Data warehouse', eventTypes: [] })
  })
})

describe('private addresses', () => {
  let strictApp: TestApp
  let strictHeaders: Record<string, string>
  beforeAll(async () => {
    strictApp = await createTestApp()
    strictHeaders = { cookie: await setUpOwner(strictApp.app), ...csrfHeaders }
  })
  afterAll(() => strictApp?.close())

  const create = (url: string) => strictApp.app.inject({ method: 'POST', url: '/api/webhook-endpoints', headers: strictHeaders, payload: { url } })

  it('refuses them when an endpoint is saved, with the reason at the url field', async () => {
    const local = await receiver()
    for (const url of [
      local.url,
      `http://localhost:${local.port}/webhooks`,
      'http://10.1.2.3/hook',
      'http://172.16.0.1/hook',
      'http://192.168.1.10/hook',
      'http://169.254.169.254/latest/meta-data',
      'http://0.0.0.0/',
      'http://2130706433/',
      'http://[::1]/hook',
      'http://[fd12:3456::1]/hook',
      'http://[fe80::1]/hook',
      'http://[::ffff:127.0.0.1]/hook',
      'http://224.0.0.1/',
    ]) {
      const response = await create(url)
      expect(response.statusCode, `${url}: ${response.body}`).toBe(400)
      expect(response.json().error.fields.url, url).toMatch(/not a public internet address/)
    }
    for (const [url, reason] of [
      ['ftp://example.com/hook', /http:\/\/ or https:\/\//],
      ['not a url', /full URL/],
      ['https://user:password@93.184.216.34/hook', /credentials/],
      ['https://no-such-host.invalid/hook', /could not be found/],
    ] as const) {
      const response = await create(url)
      expect(response.statusCode, `${url}: ${response.body}`).toBe(400)
      expect(response.json().error.fields.url, url).toMatch(reason)
    }
    // A public address is fine (nothing is sent to it here: no event happens).
    const accepted = await create('https://93.184.216.34/hook')
    expect(accepted.statusCode, accepted.body).toBe(201)
    const update = await strictApp.app.inject({ method: 'PATCH', url: `/api/webhook-endpoints/${accepted.json().endpoint.id}`, headers: strictHeaders, payload: { url: 'http://127.0.0.1:9/' } })
    expect(update.statusCode).toBe(400)
    expect(update.json().error.fields.url).toMatch(/not a public internet address/)
    await strictApp.app.inject({ method: 'DELETE', url: `/api/webhook-endpoints/${accepted.json().endpoint.id}`, headers: strictHeaders })
  })

  it('checks again when delivering: a URL that now leads to a private address gets nothing sent', async () => {
    const local = await receiver()
    const created = await create('https://93.184.216.34/hook')
    expect(created.statusCode, created.body).toBe(201)
    // What a DNS change would do to a name saved earlier: it now resolves to this machine.
    await strictApp.database.pool.query('update webhook_endpoints set url = $1 where id = $2', [`http://localhost:${local.port}/webhooks`, created.json().endpoint.id])
    const webinar = await strictApp.app.inject({
      method: 'POST',
      url: '/api/webinars',
      headers: strictHeaders,
      payload: { title: 'Strict', startTime: new Date(Date.now() + 7 * 24 * 3600_000).toISOString(), timezone: 'UTC', durationMinutes: 30 },
    })
    const registered = await strictApp.app.inject({ method: 'POST', url: `/api/public/webinars/${webinar.json().slug}/registrations`, payload: { name: 'Ada', email: 'ada@example.com' } })
    expect(registered.statusCode).toBe(201)

    const refused = await waitFor(async () => {
      const log = await strictApp.app.inject({ method: 'GET', url: `/api/webhook-endpoints/${created.json().endpoint.id}/deliveries`, headers: strictHeaders })
      const [delivery] = log.json().items as Delivery[]
      return delivery && delivery.attempts > 0 ? delivery : undefined
    })
    expect(refused.lastError).toMatch(/^Not sent: localhost resolves to (127\.0\.0\.1|::1), which is not a public internet address/)
    expect(local.received).toHaveLength(0)
  })

  it('knows which addresses are public', async () => {
    for (const address of ['93.184.216.34', '8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '2a00:1450:4007:80e::200e']) expect(isPublicAddress(address), address).toBe(true)
    for (const address of [
      '127.0.0.1', '10.0.0.1', '100.64.0.1', '169.254.169.254', '172.31.255.255', '192.168.0.1', '192.0.2.1', '198.18.0.1', '0.0.0.0', '255.255.255.255', '239.1.1.1',
      '::', '::1', '::ffff:10.0.0.1', '64:ff9b::a00:1', 'fc00::1', 'fd00::1', 'fe80::1', 'ff02::1', '2001:db8::1', '2002:a00:1::', '2001::1', 'not an address',
    ]) {
      expect(isPublicAddress(address), address).toBe(false)
    }
    await expect(resolveWebhookUrl('http://localhost/', { isPrivateAllowed: false })).rejects.toThrow(/not a public internet address/)
    await expect(resolveWebhookUrl('http://localhost/', { isPrivateAllowed: true })).resolves.toMatchObject({ url: new URL('http://localhost/') })
  })
})

describe('signing secrets at rest', () => {
  it('opens only with the same server secret and for the same endpoint', () => {
    const secrets = createWebhookSecrets('a server secret that is long enough for this test')
    const secret = secrets.generate()
    const stored = secrets.encrypt(secret, 'endpoint-a')
    expect(secrets.decrypt(stored, 'endpoint-a')).toBe(secret)
    expect(secrets.decrypt(stored, 'endpoint-b')).toBeUndefined()
    expect(createWebhookSecrets('another server secret, after a rotation of it').decrypt(stored, 'endpoint-a')).toBeUndefined()
    expect(secrets.decrypt('garbage', 'endpoint-a')).toBeUndefined()
  })
})
