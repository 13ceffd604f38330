import { StreamClient } from '@stream-io/node-sdk'
import jwt from 'jsonwebtoken'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, csrfHeaders, sessionCookieOf, setUpOwner, streamTestKeys, type TestApp } from './support/test-app.ts'
import { joinTokenMailedTo } from './support/mail.ts'
import { waitFor } from './support/wait-for.ts'

// The webinar's call as Stream shows it, read through the node-sdk like anyone holding the app's keys would.
let testApp: TestApp
let stream: StreamClient
let ownerCookie: string
let hostCookie: string
let hostId: string
beforeAll(async () => {
  testApp = await createTestApp()
  stream = new StreamClient(streamTestKeys.apiKey, streamTestKeys.apiSecret, { basePath: testApp.streamUrl })
  ownerCookie = await setUpOwner(testApp.app)
  const host = await testApp.app.inject({
    method: 'POST',
    url: '/api/users',
    headers: as(ownerCookie),
    payload: { email: 'hana@example.com', name: 'Hana Host', password: 'host password 1', role: 'host' },
  })
  hostId = host.json().id
  hostCookie = sessionCookieOf(
    await testApp.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'hana@example.com', password: 'host password 1' } }),
  )
})
afterAll(() => testApp.close())
afterEach(() => testApp.emulator.clearFaults())

function as(cookie: string) {
  return { cookie, ...csrfHeaders }
}

async function createWebinar(overrides: Record<string, unknown> = {}) {
  const response = await testApp.app.inject({
    method: 'POST',
    url: '/api/webinars',
    headers: as(ownerCookie),
    payload: {
      title: 'Access Matters',
      startTime: new Date(Date.now() + 7 * 24 * 3600_000).toISOString(),
      timezone: 'Europe/Paris',
      durationMinutes: 60,
      ...overrides,
    },
  })
  expect(response.statusCode, response.body).toBe(201)
  return response.json() as { id: string; slug: string; streamCallType: string; streamCallId: string; provisioning: string }
}

const callOf = (webinar: { streamCallType: string; streamCallId: string }) => stream.video.call(webinar.streamCallType, webinar.streamCallId)

async function start(webinarId: string) {
  const response = await testApp.app.inject({ method: 'POST', url: `/api/webinars/${webinarId}/start`, headers: as(ownerCookie) })
  expect(response.statusCode, response.body).toBe(200)
}

/** Registers someone and returns their join token, read from the confirmation mail as they would. */
async function registerAndGetToken(slug: string, email: string): Promise<string> {
  const response = await testApp.app.inject({ method: 'POST', url: `/api/public/webinars/${slug}/registrations`, payload: { name: 'Vera Viewer', email } })
  expect(response.statusCode, response.body).toBe(201)
  return joinTokenMailedTo(testApp, email, ['confirmation', 'pending'])
}

/** What Stream's browser SDK sends to join a call: the user's call token, no "Bearer". */
function joinAsBrowser(credentials: { token: string; callType: string; callId: string }) {
  return fetch(`${testApp.streamUrl}/video/call/${credentials.callType}/${credentials.callId}/join?api_key=${streamTestKeys.apiKey}`, {
    method: 'POST',
    headers: { authorization: credentials.token, 'stream-auth-type': 'jwt', 'content-type': 'application/json' },
    body: JSON.stringify({ create: false }),
  })
}

describe('who Stream lets into a webinar call', () => {
  it('creates the viewer role and grants nothing to plain users or members', async () => {
    await createWebinar()
    const { roles } = await stream.listRoles()
    expect(roles.map((role) => role.name)).toContain('viewer')
    const callType = await stream.video.getCallType({ name: testApp.config.stream.callType })
    expect(callType.grants.user ?? []).toEqual([])
    expect(callType.grants.call_member ?? []).toEqual([])
    expect(callType.grants.viewer).toEqual(['join-call', 'read-call'])
    expect(callType.grants.host).toEqual(expect.arrayContaining(['send-audio', 'send-video', 'start-broadcast-call', 'start-closed-captions-call']))
  })

  it('blocks a registrant who cancels, so their token no longer gets them in, and lets an approved-again one back', async () => {
    const webinar = await createWebinar({ approvalMode: 'manual' })
    await start(webinar.id)
    const token = await registerAndGetToken(webinar.slug, 'leaver@example.com')
    const registration = (await testApp.database.pool.query<{ id: string }>(`select id from registrations where email = 'leaver@example.com'`)).rows[0]!
    const approve = (to: string) =>
      testApp.app.inject({ method: 'POST', url: `/api/webinars/${webinar.id}/registrations/${registration.id}/${to}`, headers: as(ownerCookie) })
    expect((await approve('approve')).statusCode).toBe(200)
    const credentials = (await testApp.app.inject({ method: 'POST', url: `/api/join/${token}/stream-token` })).json()
    expect((await joinAsBrowser(credentials)).status).toBe(201)

    expect((await approve('reject')).statusCode).toBe(200)
    const userId = `reg_${registration.id}`
    await waitFor(async () => ((await callOf(webinar).get()).call.blocked_user_ids.includes(userId) ? true : undefined))
    const refused = await joinAsBrowser(credentials)
    expect(refused.status).toBe(403)
    expect(((await refused.json()) as { code: number }).code).toBe(17)
    // No new token either.
    expect((await testApp.app.inject({ method: 'POST', url: `/api/join/${token}/stream-token` })).statusCode).toBe(403)

    expect((await approve('approve')).statusCode).toBe(200)
    await waitFor(async () => (!(await callOf(webinar).get()).call.blocked_user_ids.includes(userId) ? true : undefined))
    expect((await joinAsBrowser(credentials)).status).toBe(201)
  })
})

describe('keeping the call in step with the webinar', () => {
  it('moves the host membership when the webinar changes host', async () => {
    const webinar = await createWebinar()
    const response = await testApp.app.inject({ method: 'PATCH', url: `/api/webinars/${webinar.id}`, headers: as(ownerCookie), payload: { hostId } })
    expect(response.json()).toMatchObject({ provisioning: 'ready' })
    const { members } = await callOf(webinar).get()
    expect(members.map((member) => [member.user_id, member.role])).toEqual([[`staff_${hostId}`, 'host']])
  })

  it('sends a live call only what changed, never backstage again', async () => {
    const webinar = await createWebinar()
    await start(webinar.id)
    const before = testApp.emulator.listRequests().length
    const response = await testApp.app.inject({ method: 'PATCH', url: `/api/webinars/${webinar.id}`, headers: as(ownerCookie), payload: { title: 'Renamed live' } })
    expect(response.statusCode, response.body).toBe(200)
    const updates = testApp.emulator.listRequests().slice(before).filter((request) => request.operation === 'UpdateCall')
    expect(updates).toHaveLength(1)
    expect(updates[0]!.body).toEqual({ custom: { webinarId: webinar.id, title: 'Renamed live', capacity: null } })
    expect((await callOf(webinar).get()).call.backstage).toBe(false)

    // Nothing changed for Stream: nothing is sent.
    const quiet = testApp.emulator.listRequests().length
    await testApp.app.inject({ method: 'PATCH', url: `/api/webinars/${webinar.id}`, headers: as(ownerCookie), payload: { description: 'Only ours' } })
    expect(testApp.emulator.listRequests().slice(quiet).filter((request) => request.operation === 'UpdateCall')).toEqual([])
  })

  it('mirrors the seats into the call’s participant limit when viewers are in the call, not with HLS', async () => {
    const webinar = await createWebinar({ capacity: 120 })
    expect((await callOf(webinar).get()).call.settings.limits).toMatchObject({ max_participants: 120, max_participants_exclude_roles: ['host', 'speaker'] })
    await testApp.app.inject({ method: 'PATCH', url: `/api/webinars/${webinar.id}`, headers: as(ownerCookie), payload: { settings: { viewerMode: 'hls' } } })
    const call = (await callOf(webinar).get()).call
    expect(call.settings.limits.max_participants ?? 0).toBe(0)
    expect(call.settings.broadcasting.hls.enabled).toBe(true)
  })

  it('ends the webinar when Stream cannot end the call, and ends the call once Stream is back', async () => {
    const webinar = await createWebinar()
    await start(webinar.id)
    testApp.emulator.injectFaults({ failNext: 2, status: 503 })
    const ended = await testApp.app.inject({ method: 'POST', url: `/api/webinars/${webinar.id}/end`, headers: as(ownerCookie) })
    expect(ended.statusCode, ended.body).toBe(200)
    expect(ended.json().status).toBe('ended')
    await waitFor(async () => ((await callOf(webinar).get()).call.ended_at ? true : undefined), 15_000)
  })
})

describe('host tools', () => {
  it('gives the host the call’s RTMP address and a host token for it as the stream key', async () => {
    const webinar = await createWebinar()
    const response = await testApp.app.inject({ method: 'POST', url: `/api/webinars/${webinar.id}/rtmp-ingress`, headers: as(ownerCookie) })
    expect(response.statusCode, response.body).toBe(200)
    const { address, streamKey, expiresAt } = response.json()
    expect(address).toBe((await callOf(webinar).get()).call.ingress.rtmp.address)
    const claims = jwt.verify(streamKey, streamTestKeys.apiSecret, { algorithms: ['HS256'] }) as Record<string, unknown>
    expect(claims).toMatchObject({ role: 'host', call_cids: [`${webinar.streamCallType}:${webinar.streamCallId}`] })
    expect(new Date(expiresAt).getTime()).toBe((claims.exp as number) * 1000)
    // Only the webinar's host or an admin.
    expect((await testApp.app.inject({ method: 'POST', url: `/api/webinars/${webinar.id}/rtmp-ingress`, headers: as(hostCookie) })).statusCode).toBe(403)
  })

  it('turns closed captions on and off in the call and tells the room', async () => {
    const webinar = await createWebinar()
    await start(webinar.id)
    const on = await testApp.app.inject({ method: 'POST', url: `/api/webinars/${webinar.id}/captions`, headers: as(ownerCookie), payload: { isOn: true } })
    expect(on.statusCode, on.body).toBe(200)
    expect(on.json().isCaptioning).toBe(true)
    expect((await callOf(webinar).get()).call.captioning).toBe(true)
    const room = await testApp.app.inject({ method: 'GET', url: `/api/rooms/${webinar.id}/state`, headers: as(ownerCookie) })
    expect(room.json().isCaptioning).toBe(true)
    const off = await testApp.app.inject({ method: 'POST', url: `/api/webinars/${webinar.id}/captions`, headers: as(ownerCookie), payload: { isOn: false } })
    expect(off.json().isCaptioning).toBe(false)
    expect((await callOf(webinar).get()).call.captioning).toBe(false)
    const bad = await testApp.app.inject({ method: 'POST', url: `/api/webinars/${webinar.id}/captions`, headers: as(ownerCookie), payload: { isOn: 'yes' } })
    expect(bad.statusCode).toBe(400)
  })

  it('starts captions with the webinar when its settings say so', async () => {
    const webinar = await createWebinar({ settings: { captions: true } })
    await start(webinar.id)
    expect((await callOf(webinar).get()).call.captioning).toBe(true)
  })
})

describe('deleting a webinar', () => {
  it('keeps registrations and mail when asked, hides the webinar and deletes its call', async () => {
    const webinar = await createWebinar({ title: 'Kept records' })
    await registerAndGetToken(webinar.slug, 'kept@example.com')
    const response = await testApp.app.inject({ method: 'DELETE', url: `/api/webinars/${webinar.id}`, headers: as(ownerCookie), payload: { records: 'keep' } })
    expect(response.statusCode, response.body).toBe(204)
    expect((await testApp.app.inject({ method: 'GET', url: `/api/webinars/${webinar.id}`, headers: as(ownerCookie) })).statusCode).toBe(404)
    expect((await testApp.app.inject({ method: 'GET', url: `/api/public/webinars/${webinar.slug}` })).statusCode).toBe(404)
    const listed = (await testApp.app.inject({ method: 'GET', url: '/api/webinars?limit=100', headers: as(ownerCookie) })).json()
    expect(listed.items.map((item: { id: string }) => item.id)).not.toContain(webinar.id)
    const kept = await testApp.database.pool.query(`select 1 from registrations where webinar_id = $1`, [webinar.id])
    expect(kept.rowCount).toBe(1)
    await expect(callOf(webinar).get()).rejects.toMatchObject({ code: 16 })
  })

  it('erases registrations and mail when asked', async () => {
    const webinar = await createWebinar({ title: 'Erased records' })
    await registerAndGetToken(webinar.slug, 'erased@example.com')
    const response = await testApp.app.inject({ method: 'DELETE', url: `/api/webinars/${webinar.id}`, headers: as(ownerCookie), payload: { records: 'erase' } })
    expect(response.statusCode, response.body).toBe(204)
    expect((await testApp.database.pool.query(`select 1 from registrations where webinar_id = $1`, [webinar.id])).rowCount).toBe(0)
    expect((await testApp.database.pool.query(`select 1 from email_messages where to_email = 'erased@example.com'`)).rowCount).toBe(0)
    await expect(callOf(webinar).get()).rejects.toMatchObject({ code: 16 })
  })

  it('is for owners and admins only, never while live, and the Stream call goes even when Stream is away', async () => {
    const webinar = await createWebinar()
    const asHost = await testApp.app.inject({ method: 'DELETE', url: `/api/webinars/${webinar.id}`, headers: as(hostCookie), payload: { records: 'keep' } })
    expect(asHost.statusCode).toBe(403)
    const bad = await testApp.app.inject({ method: 'DELETE', url: `/api/webinars/${webinar.id}`, headers: as(ownerCookie), payload: { records: 'shred' } })
    expect(bad.statusCode).toBe(400)
    await start(webinar.id)
    const live = await testApp.app.inject({ method: 'DELETE', url: `/api/webinars/${webinar.id}`, headers: as(ownerCookie), payload: { records: 'keep' } })
    expect(live.statusCode).toBe(409)

    const later = await createWebinar()
    testApp.emulator.injectFaults({ failNext: 1, status: 503 })
    const response = await testApp.app.inject({ method: 'DELETE', url: `/api/webinars/${later.id}`, headers: as(ownerCookie), payload: { records: 'keep' } })
    expect(response.statusCode).toBe(204)
    await waitFor(
      () =>
        callOf(later)
          .get()
          .then(
            () => undefined,
            (error: { code?: number }) => (error.code === 16 ? true : undefined),
          ),
      15_000,
    )
  })
})
