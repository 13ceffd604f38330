import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openEventStream } from '../support/sse-client.ts'
import { createTestApp, csrfHeaders, setUpOwner, type TestApp } from '../support/test-app.ts'
import { joinTokenMailedTo } from '../support/mail.ts'
import { waitFor } from '../support/wait-for.ts'

// Local mode's browser connection to a call: what the room and the studio hold open instead of Stream's SFU.
// Opening it joins (with Stream's join rules), closing it leaves, and both become Stream's participant webhooks,
// which the app stores like any other.

let testApp: TestApp
let ownerCookie: string
const staff = () => ({ cookie: ownerCookie, ...csrfHeaders })

beforeAll(async () => {
  testApp = await createTestApp()
  ownerCookie = await setUpOwner(testApp.app)
})
afterAll(() => testApp.close())

async function createWebinar(title: string) {
  const response = await testApp.app.inject({
    method: 'POST',
    url: '/api/webinars',
    headers: staff(),
    payload: { title, startTime: new Date(Date.now() + 3600_000).toISOString(), timezone: 'UTC', durationMinutes: 60, settings: { joinAheadSeconds: 0 } },
  })
  expect(response.statusCode, response.body).toBe(201)
  return response.json() as { id: string; slug: string; streamCallType: string; streamCallId: string; streamCallCid: string }
}

async function registerAndGetToken(slug: string, email: string): Promise<string> {
  await testApp.app.inject({ method: 'POST', url: `/api/public/webinars/${slug}/registrations`, payload: { name: 'Ann', email } })
  return joinTokenMailedTo(testApp, email)
}

/** The presence URL the app hands out is on its own origin (`/__stream/...`); the test emulator runs on its own port. */
function emulatorUrl(localPresenceUrl: string): string {
  expect(localPresenceUrl).toMatch(/^\/__stream\/local\/calls\/[^/]+\/[^/]+\/presence$/)
  return `${testApp.streamUrl}${localPresenceUrl.slice('/__stream'.length)}`
}

async function participantEvents(callCid: string) {
  const { rows } = await testApp.database.pool.query<{ type: string; user_id: string }>(
    `select type, payload -> 'participant' -> 'user' ->> 'id' as user_id from stream_webhook_events
      where call_cid = $1 and type like 'call.session_participant_%' order by received_at`,
    [callCid],
  )
  return rows
}

describe('local presence', () => {
  it('joins a viewer once the call is live, counts them, and leaves when the connection closes', async () => {
    const webinar = await createWebinar('Presence')
    const joinToken = await registerAndGetToken(webinar.slug, 'ann@presence.test')
    const hostCredentials = (await testApp.app.inject({ method: 'POST', url: `/api/webinars/${webinar.id}/stream-token`, headers: staff() })).json()
    expect(hostCredentials.isLocalMode).toBe(true)

    // The host is in the call in backstage; the studio sees the counts.
    const studio = openEventStream(emulatorUrl(hostCredentials.localPresenceUrl), { authorization: hostCredentials.token })
    await studio.ready
    expect((await studio.next((event) => event.type === 'participants')).data).toEqual({
      participant_count: 1,
      participants_count_by_role: { host: 1 },
      participants: [expect.objectContaining({ user_id: hostCredentials.userId, role: 'host', can_publish: true })],
    })

    // A viewer is refused while the call is in backstage, as Stream refuses one.
    const early = testApp.video.mintViewerToken({
      streamUserId: 'reg_early',
      ref: { callType: webinar.streamCallType, callId: webinar.streamCallId },
      scheduledEnd: new Date(Date.now() + 7200_000),
    })
    const refused = await fetch(emulatorUrl(hostCredentials.localPresenceUrl), { headers: { authorization: early.token } })
    expect(refused.status).toBe(403)
    expect(((await refused.json()) as { code: number }).code).toBe(17)

    expect((await testApp.app.inject({ method: 'POST', url: `/api/webinars/${webinar.id}/start`, headers: staff() })).statusCode).toBe(200)
    const credentials = (await testApp.app.inject({ method: 'POST', url: `/api/join/${joinToken}/stream-token` })).json()
    // The browser connects with its user's name, as Stream's connectUser does: the others' stage tiles show it.
    const room = openEventStream(emulatorUrl(credentials.localPresenceUrl), { authorization: credentials.token, 'x-stream-user-name': encodeURIComponent('Ann Ångström') })
    await room.ready
    const joined = await studio.next((event) => event.type === 'participants' && (event.data as { participant_count: number }).participant_count === 2)
    const people = (joined.data as { participants: { user_id: string; name: string | null }[] }).participants
    expect(people.find((person) => person.user_id === credentials.userId)?.name).toBe('Ann Ångström')
    expect(testApp.emulator.getCall(webinar.streamCallType, webinar.streamCallId)!.participants.map((participant) => participant.role).sort()).toEqual(['host', 'viewer'])

    await room.close()
    await studio.next((event) => event.type === 'participants' && (event.data as { participant_count: number }).participant_count === 1)
    await testApp.emulator.whenWebhooksDelivered()
    const events = await waitFor(async () => {
      const rows = await participantEvents(webinar.streamCallCid)
      return rows.length >= 3 ? rows : undefined
    })
    expect(events).toEqual([
      { type: 'call.session_participant_joined', user_id: hostCredentials.userId },
      { type: 'call.session_participant_joined', user_id: credentials.userId },
      { type: 'call.session_participant_left', user_id: credentials.userId },
    ])

    // Ending the call ends every connection to it.
    expect((await testApp.app.inject({ method: 'POST', url: `/api/webinars/${webinar.id}/end`, headers: staff() })).statusCode).toBe(200)
    await studio.next((event) => event.type === 'ended')
    await studio.close()
  })

  it('refuses a missing, forged or foreign token', async () => {
    const webinar = await createWebinar('Presence refusals')
    const other = await createWebinar('Another call')
    const hostCredentials = (await testApp.app.inject({ method: 'POST', url: `/api/webinars/${webinar.id}/stream-token`, headers: staff() })).json()
    const url = emulatorUrl(hostCredentials.localPresenceUrl)

    expect((await fetch(url)).status).toBe(401)
    const [header, payload] = hostCredentials.token.split('.')
    expect((await fetch(url, { headers: { authorization: `${header}.${payload}.forged` } })).status).toBe(401)
    // A viewer's call token for another call gives no role in this one: they are a plain user here, who may not join.
    const foreignViewer = testApp.video.mintViewerToken({
      streamUserId: 'reg_elsewhere',
      ref: { callType: other.streamCallType, callId: other.streamCallId },
      scheduledEnd: new Date(Date.now() + 7200_000),
    })
    const foreign = await fetch(url, { headers: { authorization: foreignViewer.token } })
    expect(foreign.status).toBe(403)
    expect(((await foreign.json()) as { code: number; message: string }).message).toMatch(/role user .*join-call/)
    expect(testApp.emulator.getCall(webinar.streamCallType, webinar.streamCallId)!.participants).toEqual([])
  })
})
