import { StreamClient } from '@stream-io/node-sdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { joinTokenMailedTo, studioTokenMailedTo } from './support/mail.ts'
import { createTestApp, csrfHeaders, sessionCookieOf, setUpOwner, streamTestKeys, type TestApp } from './support/test-app.ts'
import { waitFor } from './support/wait-for.ts'

// Speakers and raised hands, through the app's API and the real node-sdk against the emulator: what Stream lets
// each person do in the call is read back from the emulator, as a browser would see it.
let testApp: TestApp
let stream: StreamClient
let ownerCookie: string
let cohostCookie: string
let cohostId: string
beforeAll(async () => {
  testApp = await createTestApp()
  stream = new StreamClient(streamTestKeys.apiKey, streamTestKeys.apiSecret, { basePath: testApp.streamUrl })
  ownerCookie = await setUpOwner(testApp.app)
  const cohost = await testApp.app.inject({
    method: 'POST',
    url: '/api/users',
    headers: as(ownerCookie),
    payload: { email: 'cora@example.com', name: 'Cora Cohost', password: 'cohost password 1', role: 'host' },
  })
  cohostId = cohost.json().id
  cohostCookie = sessionCookieOf(
    await testApp.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'cora@example.com', password: 'cohost password 1' } }),
  )
})
afterAll(() => testApp.close())

function as(cookie: string) {
  return { cookie, ...csrfHeaders }
}

interface CreatedWebinar {
  id: string
  slug: string
  streamCallType: string
  streamCallId: string
}

async function createWebinar(overrides: Record<string, unknown> = {}): Promise<CreatedWebinar> {
  const response = await testApp.app.inject({
    method: 'POST',
    url: '/api/webinars',
    headers: as(ownerCookie),
    payload: { title: 'On Stage', startTime: new Date(Date.now() + 7 * 24 * 3600_000).toISOString(), timezone: 'Europe/Paris', durationMinutes: 60, ...overrides },
  })
  expect(response.statusCode, response.body).toBe(201)
  return response.json()
}

async function invite(webinarId: string, payload: Record<string, unknown>, cookie = ownerCookie) {
  return testApp.app.inject({ method: 'POST', url: `/api/webinars/${webinarId}/speakers`, headers: as(cookie), payload })
}

async function start(webinarId: string, cookie = ownerCookie) {
  const response = await testApp.app.inject({ method: 'POST', url: `/api/webinars/${webinarId}/start`, headers: as(cookie) })
  expect(response.statusCode, response.body).toBe(200)
}

interface Credentials {
  token: string
  userId: string
  callType: string
  callId: string
}

/** What Stream's browser SDK sends: the user's token, no "Bearer". */
function asBrowser(credentials: { token: string }, path: string, body?: unknown, method = 'POST') {
  return fetch(`${testApp.streamUrl}/video/call/${path}?api_key=${streamTestKeys.apiKey}`, {
    method,
    headers: { authorization: credentials.token, 'stream-auth-type': 'jwt', 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
}
const callPath = (credentials: Credentials, action = '') => `${credentials.callType}/${credentials.callId}${action ? `/${action}` : ''}`
const joinAsBrowser = (credentials: Credentials) => asBrowser(credentials, callPath(credentials, 'join'), { create: false })

/** What Stream says this person may do in the call now (the browser SDK's `own_capabilities`). */
async function capabilitiesOf(credentials: Credentials): Promise<string[]> {
  const response = await asBrowser(credentials, callPath(credentials), undefined, 'GET')
  expect(response.status).toBe(200)
  return ((await response.json()) as { own_capabilities: string[] }).own_capabilities
}

async function registerAttendee(webinar: CreatedWebinar, name: string, email: string) {
  const response = await testApp.app.inject({ method: 'POST', url: `/api/public/webinars/${webinar.slug}/registrations`, payload: { name, email } })
  expect(response.statusCode, response.body).toBe(201)
  const token = await joinTokenMailedTo(testApp, email, ['confirmation'])
  const credentials = (await testApp.app.inject({ method: 'POST', url: `/api/join/${token}/stream-token` })).json() as Credentials
  return { token, credentials }
}

async function stageOf(webinarId: string, cookie = ownerCookie) {
  const response = await testApp.app.inject({ method: 'GET', url: `/api/webinars/${webinarId}/stage`, headers: as(cookie) })
  expect(response.statusCode, response.body).toBe(200)
  return response.json() as { handRaising: boolean; speakers: { id: string; kind: string; name: string }[]; requests: { id: string; name: string; status: string }[] }
}

const decide = (webinarId: string, requestId: string, decision: 'accept' | 'dismiss' | 'end', cookie = ownerCookie) =>
  testApp.app.inject({ method: 'POST', url: `/api/webinars/${webinarId}/stage/requests/${requestId}/${decision}`, headers: as(cookie) })

describe('speakers: co-hosts and guest panelists', () => {
  it('makes a panelist a call member with role speaker, mails a studio link that joins backstage, and revokes it on removal', async () => {
    const webinar = await createWebinar()
    const invited = await invite(webinar.id, { kind: 'panelist', name: 'Grace Guest', email: 'grace@example.com' })
    expect(invited.statusCode, invited.body).toBe(201)
    const speaker = invited.json() as { id: string; streamUserId: string }
    const { members } = await stream.video.call(webinar.streamCallType, webinar.streamCallId).get()
    expect(members.map((member) => [member.user_id, member.role])).toContainEqual([speaker.streamUserId, 'speaker'])

    // The panelist follows the link in their invitation.
    const studioToken = await studioTokenMailedTo(testApp, 'grace@example.com')
    const view = await testApp.app.inject({ method: 'GET', url: `/api/stage/${studioToken}` })
    expect(view.json()).toMatchObject({ speaker: { name: 'Grace Guest', kind: 'panelist' }, webinar: { id: webinar.id, status: 'scheduled' } })
    const credentials = (await testApp.app.inject({ method: 'POST', url: `/api/stage/${studioToken}/stream-credentials` })).json() as Credentials
    expect(credentials).toMatchObject({ userId: speaker.streamUserId, callId: webinar.streamCallId })
    // Backstage, before the start: speakers are let in, and may publish.
    expect((await joinAsBrowser(credentials)).status).toBe(201)
    expect(await capabilitiesOf(credentials)).toEqual(expect.arrayContaining(['join-backstage', 'send-audio', 'send-video', 'screenshare']))
    expect(await capabilitiesOf(credentials)).not.toContain('end-call')

    // The same token does nothing on another webinar's call: membership is per call.
    const other = await createWebinar({ title: 'Elsewhere' })
    const elsewhere = await joinAsBrowser({ ...credentials, callId: other.streamCallId })
    expect(elsewhere.status).toBe(403)
    expect(((await elsewhere.json()) as { code: number }).code).toBe(17)

    // Inviting the same address twice is a conflict with a readable message.
    const again = await invite(webinar.id, { kind: 'panelist', name: 'Grace Again', email: 'GRACE@example.com' })
    expect(again.statusCode).toBe(409)
    expect(again.json().error.message).toMatch(/already a speaker/)

    const removed = await testApp.app.inject({ method: 'DELETE', url: `/api/webinars/${webinar.id}/speakers/${speaker.id}`, headers: as(ownerCookie) })
    expect(removed.statusCode, removed.body).toBe(204)
    // At once: the membership is gone, the token no longer joins, the studio link is dead.
    const after = await stream.video.call(webinar.streamCallType, webinar.streamCallId).get()
    expect(after.members.map((member) => member.user_id)).not.toContain(speaker.streamUserId)
    const refused = await joinAsBrowser(credentials)
    expect(refused.status).toBe(403)
    expect(((await refused.json()) as { code: number }).code).toBe(17)
    expect((await testApp.app.inject({ method: 'GET', url: `/api/stage/${studioToken}` })).statusCode).toBe(404)
    expect((await testApp.app.inject({ method: 'POST', url: `/api/stage/${studioToken}/stream-credentials` })).statusCode).toBe(404)
  })

  it('lets a co-host run the room (see, start, stage) but not change or staff the webinar, as a host member of the call', async () => {
    const webinar = await createWebinar()
    expect((await testApp.app.inject({ method: 'GET', url: `/api/webinars/${webinar.id}`, headers: as(cohostCookie) })).statusCode).toBe(403)
    const invited = await invite(webinar.id, { kind: 'cohost', userId: cohostId })
    expect(invited.statusCode, invited.body).toBe(201)
    expect(invited.json()).toMatchObject({ kind: 'cohost', name: 'Cora Cohost', streamUserId: `staff_${cohostId}` })

    expect((await testApp.app.inject({ method: 'GET', url: `/api/webinars/${webinar.id}`, headers: as(cohostCookie) })).statusCode).toBe(200)
    const listed = await testApp.app.inject({ method: 'GET', url: '/api/webinars', headers: as(cohostCookie) })
    expect(listed.json().items.map((item: { id: string }) => item.id)).toContain(webinar.id)
    // Changing the webinar and its speakers stays with its host and admins.
    expect((await testApp.app.inject({ method: 'PATCH', url: `/api/webinars/${webinar.id}`, headers: as(cohostCookie), payload: { title: 'Mine now' } })).statusCode).toBe(403)
    expect((await invite(webinar.id, { kind: 'panelist', name: 'Someone', email: 'someone@example.com' }, cohostCookie)).statusCode).toBe(403)

    const credentials = (await testApp.app.inject({ method: 'POST', url: `/api/webinars/${webinar.id}/stream-token`, headers: as(cohostCookie) })).json() as Credentials
    expect((await joinAsBrowser(credentials)).status).toBe(201)
    expect(await capabilitiesOf(credentials)).toEqual(expect.arrayContaining(['end-call', 'update-call-permissions', 'send-video']))
    await start(webinar.id, cohostCookie)
    expect((await stageOf(webinar.id, cohostCookie)).speakers.map((speaker) => speaker.name)).toEqual(['Cora Cohost'])

    // Removed: their token stops working at once, and so does their access to the webinar.
    const speakerId = invited.json().id as string
    expect((await testApp.app.inject({ method: 'DELETE', url: `/api/webinars/${webinar.id}/speakers/${speakerId}`, headers: as(ownerCookie) })).statusCode).toBe(204)
    const refused = await joinAsBrowser(credentials)
    expect(refused.status).toBe(403)
    expect((await testApp.app.inject({ method: 'GET', url: `/api/webinars/${webinar.id}`, headers: as(cohostCookie) })).statusCode).toBe(403)
    expect((await testApp.app.inject({ method: 'POST', url: `/api/webinars/${webinar.id}/stream-token`, headers: as(cohostCookie) })).statusCode).toBe(403)
    const actions = await testApp.database.pool.query<{ action: string; target_name: string }>(
      'select action, target_name from moderation_actions where webinar_id = $1 order by created_at',
      [webinar.id],
    )
    expect(actions.rows).toEqual([
      { action: 'speaker.invited', target_name: 'Cora Cohost' },
      { action: 'speaker.removed', target_name: 'Cora Cohost' },
    ])
  })

  it('keeps the invitation in the Mailbox without SMTP, where the admin sees the working studio link', async () => {
    const webinar = await createWebinar()
    expect((await invite(webinar.id, { kind: 'panelist', name: 'Mo Mailbox', email: 'mo@example.com' })).statusCode).toBe(201)
    const list = await testApp.app.inject({ method: 'GET', url: '/api/mailbox?to=mo@example.com', headers: as(ownerCookie) })
    const [summary] = list.json().items as { id: string; kind: string; registrationId: string | null; status: string }[]
    expect(summary).toMatchObject({ kind: 'speaker_invitation', registrationId: null, status: 'kept' })
    const mail = (await testApp.app.inject({ method: 'GET', url: `/api/mailbox/${summary!.id}`, headers: as(ownerCookie) })).json() as { text: string; subject: string }
    expect(mail.subject).toMatch(/invited to speak/)
    const studioToken = await studioTokenMailedTo(testApp, 'mo@example.com')
    expect(mail.text).toContain(`/stage/${studioToken}`)
    // What is stored holds no working link (the placeholder stands in for it).
    const stored = await testApp.database.pool.query<{ text: string }>(`select text from email_messages where id = $1`, [summary!.id])
    expect(stored.rows[0]!.text).not.toContain(studioToken)
  })

  it('refuses a co-host who is not staff, or the host, with field errors', async () => {
    const webinar = await createWebinar()
    const stranger = await invite(webinar.id, { kind: 'cohost', userId: '00000000-0000-4000-8000-000000000000' })
    expect(stranger.statusCode).toBe(400)
    expect(stranger.json().error.fields).toHaveProperty('userId')
    const malformed = await invite(webinar.id, { kind: 'panelist', name: 'No Mail' })
    expect(malformed.statusCode).toBe(400)
  })
})

describe('raising a hand', () => {
  it('queues a hand from Stream’s capability request; accepting grants audio and video, taking off stage revokes them', async () => {
    const webinar = await createWebinar()
    await start(webinar.id)
    const ada = await registerAttendee(webinar, 'Ada Attendee', 'ada@example.com')
    expect(await capabilitiesOf(ada.credentials)).not.toContain('send-audio')

    // An attendee cannot grant themselves what they ask for: Stream refuses it.
    const selfGrant = await asBrowser(ada.credentials, callPath(ada.credentials, 'user_permissions'), { user_id: ada.credentials.userId, grant_permissions: ['send-audio'] })
    expect(selfGrant.status).toBe(403)
    expect(((await selfGrant.json()) as { code: number }).code).toBe(17)

    // The browser asks Stream; Stream's webhook brings the hand to the studio's queue.
    const asked = await asBrowser(ada.credentials, callPath(ada.credentials, 'request_permission'), { permissions: ['send-audio', 'send-video'] })
    expect(asked.status, await asked.clone().text()).toBe(201)
    const pending = await waitFor(async () => (await stageOf(webinar.id)).requests.find((request) => request.status === 'pending'))
    expect(pending.name).toBe('Ada Attendee')
    const mine = await testApp.app.inject({ method: 'GET', url: `/api/join/${ada.token}/stage` })
    expect(mine.json()).toMatchObject({ handRaising: true, request: { status: 'pending' } })

    const accepted = await decide(webinar.id, pending.id, 'accept')
    expect(accepted.statusCode, accepted.body).toBe(200)
    expect(accepted.json()).toMatchObject({ status: 'accepted', decidedByName: expect.any(String) })
    expect(await capabilitiesOf(ada.credentials)).toEqual(expect.arrayContaining(['send-audio', 'send-video']))

    const ended = await decide(webinar.id, pending.id, 'end')
    expect(ended.statusCode, ended.body).toBe(200)
    const after = await capabilitiesOf(ada.credentials)
    expect(after).not.toContain('send-audio')
    expect(after).not.toContain('send-video')
    expect((await stageOf(webinar.id)).requests).toEqual([])
  })

  it('says so clearly when a hand was lowered before it was accepted, and lets the attendee step down', async () => {
    const webinar = await createWebinar()
    await start(webinar.id)
    const bob = await registerAttendee(webinar, 'Bob Bystander', 'bob@example.com')
    await asBrowser(bob.credentials, callPath(bob.credentials, 'request_permission'), { permissions: ['send-audio', 'send-video'] })
    const pending = await waitFor(async () => (await stageOf(webinar.id)).requests.find((request) => request.status === 'pending'))

    const lowered = await testApp.app.inject({ method: 'DELETE', url: `/api/join/${bob.token}/stage` })
    expect(lowered.json()).toMatchObject({ request: { status: 'withdrawn' } })
    const late = await decide(webinar.id, pending.id, 'accept')
    expect(late.statusCode).toBe(409)
    expect(late.json().error.message).toBe('Bob Bystander lowered their hand.')
    expect(await capabilitiesOf(bob.credentials)).not.toContain('send-audio')

    // Up again, accepted, then the attendee leaves the stage themselves.
    await asBrowser(bob.credentials, callPath(bob.credentials, 'request_permission'), { permissions: ['send-audio', 'send-video'] })
    const second = await waitFor(async () => (await stageOf(webinar.id)).requests.find((request) => request.status === 'pending'))
    expect(second.id).not.toBe(pending.id)
    expect((await decide(webinar.id, second.id, 'accept')).statusCode).toBe(200)
    const stepDown = await testApp.app.inject({ method: 'DELETE', url: `/api/join/${bob.token}/stage` })
    expect(stepDown.json()).toMatchObject({ request: { status: 'ended' } })
    expect(await capabilitiesOf(bob.credentials)).not.toContain('send-video')
  })

  it('turns hands off with the webinar: Stream refuses the request', async () => {
    const webinar = await createWebinar({ settings: { handRaising: false } })
    await start(webinar.id)
    const cy = await registerAttendee(webinar, 'Cy Curious', 'cy@example.com')
    const asked = await asBrowser(cy.credentials, callPath(cy.credentials, 'request_permission'), { permissions: ['send-audio', 'send-video'] })
    expect(asked.status).toBeGreaterThanOrEqual(400)
    expect((await stageOf(webinar.id)).handRaising).toBe(false)
    expect((await stageOf(webinar.id)).requests).toEqual([])
  })
})
