import { createHmac, randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, streamTestKeys, type TestApp } from './support/test-app.ts'

// Stream sends the webhooks of every webinar from a few addresses: a busy webinar's joins and leaves must never be
// refused for their number (attendance would lose them), while forgeries from one address are cut off.

const limitPerMinute = 5
let testApp: TestApp
beforeAll(async () => {
  testApp = await createTestApp({ env: { RATE_LIMIT_PER_MINUTE: String(limitPerMinute) } })
})
afterAll(() => testApp.close())

const sign = (body: string) => createHmac('sha256', streamTestKeys.apiSecret).update(body).digest('hex')

function deliver(body: string, signature: string | undefined, address: string) {
  return testApp.app.inject({
    method: 'POST',
    url: '/api/stream/webhooks',
    payload: body,
    remoteAddress: address,
    headers: { 'content-type': 'application/json', 'x-webhook-id': randomUUID(), ...(signature === undefined ? {} : { 'x-signature': signature }) },
  })
}

const event = (index: number) =>
  JSON.stringify({
    type: 'call.session_participant_joined',
    call_cid: 'webinar:not-ours',
    created_at: new Date().toISOString(),
    participant: { user: { id: `someone_${index}` }, user_session_id: randomUUID(), role: 'viewer' },
  })

describe('the per-address limit of Stream’s webhooks', () => {
  it('never refuses signed webhooks for their number, from one address, even past the limit of anonymous requests', async () => {
    const bodies = Array.from({ length: limitPerMinute * 6 }, (_, index) => event(index))
    const answers = await Promise.all(bodies.map((body) => deliver(body, sign(body), '10.0.0.1')))
    expect(answers.map((answer) => answer.statusCode)).toEqual(bodies.map(() => 200))
  })

  it('counts what fails the signature check against its address, and then refuses that address before checking', async () => {
    const forged = event(1000)
    for (let attempt = 0; attempt < limitPerMinute; attempt++) {
      const unsigned = await deliver(forged, attempt % 2 === 0 ? undefined : sign(`${forged} `), '10.0.0.2')
      expect(unsigned.statusCode).toBe(401)
    }
    const refused = await deliver(forged, sign(`${forged} `), '10.0.0.2')
    expect(refused.statusCode).toBe(429)
    expect(refused.json().error.code).toBe('rate_limited')
    // Another address, and Stream's own, are not affected.
    const body = event(1001)
    expect((await deliver(body, sign(body), '10.0.0.1')).statusCode).toBe(200)
    expect((await deliver(forged, undefined, '10.0.0.3')).statusCode).toBe(401)
  })
})
