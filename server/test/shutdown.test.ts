import { describe, expect, it } from 'vitest'
import { openEventStream } from './support/sse-client.ts'
import { createTestApp, csrfHeaders, setUpOwner } from './support/test-app.ts'

// Event streams and presence connections never end by themselves; closing the server must end them rather
// than wait on them (Ctrl-C, a rolling deploy): clients reconnect to another instance.
describe('closing the server', () => {
  it('ends open room event streams and presence connections at once', async () => {
    const testApp = await createTestApp()
    const cookie = await setUpOwner(testApp.app)
    const created = await testApp.app.inject({
      method: 'POST',
      url: '/api/webinars',
      headers: { cookie, ...csrfHeaders },
      payload: { title: 'Closing time', startTime: new Date(Date.now() + 3600_000).toISOString(), timezone: 'UTC', durationMinutes: 30 },
    })
    const webinar = created.json()
    const events = openEventStream(`${testApp.url}/api/rooms/${webinar.id}/events`, { cookie })
    await events.ready
    const credentials = (await testApp.app.inject({ method: 'POST', url: `/api/webinars/${webinar.id}/stream-token`, headers: { cookie, ...csrfHeaders } })).json()
    const presence = openEventStream(`${testApp.url}${credentials.localPresenceUrl}`, { authorization: credentials.token })
    await presence.ready

    const startedAt = Date.now()
    await testApp.close()
    expect(Date.now() - startedAt).toBeLessThan(5000)
    await Promise.all([events.close(), presence.close()])
  })
})
