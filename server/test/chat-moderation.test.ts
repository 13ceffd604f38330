import { StreamClient } from '@stream-io/node-sdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { joinTokenMailedTo } from './support/mail.ts'
import { openEventStream, type ReceivedEvent } from './support/sse-client.ts'
import { createTestApp, csrfHeaders, sessionCookieOf, setUpOwner, streamTestKeys, type TestApp } from './support/test-app.ts'
import { waitFor } from './support/wait-for.ts'

// Real time, moved forward when slow mode has to have passed (never slept through).
let clockOffsetMs = 0
const clock = { now: () => new Date(Date.now() + clockOffsetMs) }
const advanceClock = (seconds: number) => (clockOffsetMs += seconds * 1000)

let testApp: TestApp
let ownerCookie: string
let hostCookie: string
let cohostCookie: string
let otherHostCookie: string
let webinar: { id: string; slug: string; streamCallType: string; streamCallId: string }
const tokens: Record<string, string> = {}
type Stream = ReturnType<typeof openEventStream>
const streams: Record<string, Stream> = {}

const as = (cookie: string) => ({ cookie, ...csrfHeaders })
const attendee = (name: string) => ({ 'x-join-token': tokens[name]! })
const room = (suffix: string) => `/api/rooms/${webinar.id}${suffix}`
const ofType = (type: string) => (event: ReceivedEvent) => event.type === type
const data = <T>(event: ReceivedEvent) => event.data as T

async function createStaff(email: string, name: string): Promise<{ id: string; cookie: string }> {
  const password = `${name} password 1`
  const created = await testApp.app.inject({ method: 'POST', url: '/api/users', headers: as(ownerCookie), payload: { email, name, password, role: 'host' } })
  expect(created.statusCode, created.body).toBe(201)
  const signedIn = await testApp.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } })
  return { id: created.json().id, cookie: sessionCookieOf(signedIn) }
}

async function register(name: string) {
  const email = `${name.toLowerCase()}@example.com`
  const response = await testApp.app.inject({ method: 'POST', url: `/api/public/webinars/${webinar.slug}/registrations`, payload: { name, email } })
  expect(response.statusCode, response.body).toBe(201)
  tokens[name] = await joinTokenMailedTo(testApp, email)
}

async function ticketFor(name: string): Promise<string> {
  const response = await testApp.app.inject({ method: 'POST', url: `/api/join/${tokens[name]}/room-ticket` })
  expect(response.statusCode, response.body).toBe(200)
  return response.json().ticket
}

async function openAttendeeStream(name: string, lastEventId?: number): Promise<Stream> {
  const query = `ticket=${await ticketFor(name)}${lastEventId === undefined ? '' : `&lastEventId=${lastEventId}`}`
  const stream = openEventStream(`${testApp.url}${room(`/events?${query}`)}`)
  await stream.ready
  return stream
}

async function openStaffStream(cookie: string, lastEventId?: number): Promise<Stream> {
  const stream = openEventStream(`${testApp.url}${room(`/events${lastEventId === undefined ? '' : `?lastEventId=${lastEventId}`}`)}`, { cookie })
  await stream.ready
  return stream
}

const post = (headers: Record<string, string>, body: string) => testApp.app.inject({ method: 'POST', url: room('/chat'), headers, payload: { body } })

/** Posts as an attendee and returns their registration id, as moderators read it off the message. */
async function registrationIdOf(name: string): Promise<string> {
  const sent = await post(attendee(name), `Hello, I am ${name}`)
  expect(sent.statusCode, sent.body).toBe(201)
  return sent.json().authorRegistrationId
}

const moderationActions = async (cookie = hostCookie) => {
  const response = await testApp.app.inject({ method: 'GET', url: `/api/webinars/${webinar.id}/moderation-actions`, headers: as(cookie) })
  expect(response.statusCode, response.body).toBe(200)
  return response.json().items as { id: string; action: string; actorName: string; targetName: string | null; detail: Record<string, unknown>; createdAt: string }[]
}

beforeAll(async () => {
  testApp = await createTestApp({ clock })
  ownerCookie = await setUpOwner(testApp.app)
  const host = await createStaff('ana@example.com', 'Ana Host')
  hostCookie = host.cookie
  const cohost = await createStaff('cora@example.com', 'Cora Cohost')
  cohostCookie = cohost.cookie
  otherHostCookie = (await createStaff('otto@example.com', 'Otto Other')).cookie
  const created = await testApp.app.inject({
    method: 'POST',
    url: '/api/webinars',
    headers: as(ownerCookie),
    payload: {
      title: 'Moderated room',
      startTime: new Date(Date.now() + 3600_000).toISOString(),
      timezone: 'Europe/Paris',
      durationMinutes: 60,
      hostId: host.id,
      settings: { chatSlowModeSeconds: 10 },
    },
  })
  expect(created.statusCode, created.body).toBe(201)
  webinar = created.json()
  const invited = await testApp.app.inject({ method: 'POST', url: `/api/webinars/${webinar.id}/speakers`, headers: as(hostCookie), payload: { kind: 'cohost', userId: cohost.id } })
  expect(invited.statusCode, invited.body).toBe(201)
  // Each test posts as attendees of its own: the room's per-attendee rate limit (real time) stays out of the way.
  for (const name of ['Bob', 'Carl', 'Dave', 'Eve', 'Fay', 'Gus']) await register(name)
  streams.bob = await openAttendeeStream('Bob')
  streams.carl = await openAttendeeStream('Carl')
  streams.fay = await openAttendeeStream('Fay')
  streams.host = await openStaffStream(hostCookie)
  streams.cohost = await openStaffStream(cohostCookie)
})
afterAll(async () => {
  await Promise.all(Object.values(streams).map((stream) => stream.close()))
  await testApp.close()
})

describe('chat moderation', () => {
  it('slows attendees to one message per slow-mode interval, decided from the database and the clock', async () => {
    const state = (await testApp.app.inject({ method: 'GET', url: room('/state'), headers: attendee('Bob') })).json()
    expect(state.settings.chatSlowModeSeconds).toBe(10)
    expect(state).toMatchObject({ isModerator: false, isMutedInChat: false, chatMutes: [] })

    expect((await post(attendee('Bob'), 'First!')).statusCode).toBe(201)
    const tooSoon = await post(attendee('Bob'), 'Second, at once')
    expect(tooSoon.statusCode).toBe(429)
    expect(tooSoon.json().error).toMatchObject({ code: 'slow_mode', message: 'Slow mode is on: one message every 10 s. Wait 10 more seconds before sending another.' })
    advanceClock(10)
    expect((await post(attendee('Bob'), 'Second, ten seconds later')).statusCode).toBe(201)

    // The wait left is counted from the attendee's latest message.
    expect((await post(attendee('Carl'), 'Hi')).statusCode).toBe(201)
    advanceClock(4)
    const stillTooSoon = await post(attendee('Carl'), 'Hi again')
    expect(stillTooSoon.statusCode).toBe(429)
    expect(stillTooSoon.json().error.message).toMatch(/Wait 6 more seconds/)

    // Hosts and co-hosts are not slowed.
    for (const cookie of [hostCookie, hostCookie, cohostCookie, cohostCookie]) expect((await post(as(cookie), 'From the stage')).statusCode).toBe(201)
  })

  it('lets a moderator change slow mode live: every chat box hears of it, the log keeps it', async () => {
    expect((await testApp.app.inject({ method: 'PUT', url: room('/chat/slow-mode'), headers: attendee('Bob'), payload: { seconds: 0 } })).statusCode).toBe(403)
    expect((await testApp.app.inject({ method: 'PUT', url: room('/chat/slow-mode'), headers: as(cohostCookie), payload: { seconds: 3601 } })).statusCode).toBe(400)

    const changed = await testApp.app.inject({ method: 'PUT', url: room('/chat/slow-mode'), headers: as(cohostCookie), payload: { seconds: 30 } })
    expect(changed.statusCode, changed.body).toBe(200)
    expect(changed.json()).toEqual({ seconds: 30 })
    expect(data(await streams.carl!.next((event) => event.type === 'chat.slow_mode' && data<{ seconds: number }>(event).seconds === 30))).toEqual({ seconds: 30 })
    const webinarView = (await testApp.app.inject({ method: 'GET', url: `/api/webinars/${webinar.id}`, headers: as(hostCookie) })).json()
    expect(webinarView.settings).toMatchObject({ chatSlowModeSeconds: 30, chat: true, handRaising: true })
    const seenByHost = await streams.host!.next((event) => event.type === 'moderation.action' && data<{ action: string }>(event).action === 'chat.slow_mode_changed')
    expect(seenByHost.data).toMatchObject({ actorName: 'Cora Cohost', targetName: null, detail: { seconds: 30, previousSeconds: 10 } })

    // Off again, for what follows; the same value twice records nothing.
    for (let index = 0; index < 2; index++) {
      expect((await testApp.app.inject({ method: 'PUT', url: room('/chat/slow-mode'), headers: as(hostCookie), payload: { seconds: 0 } })).statusCode).toBe(200)
    }
    expect((await moderationActions()).filter((action) => action.action === 'chat.slow_mode_changed')).toHaveLength(2)
  })

  it('mutes and unmutes an attendee: their posts are refused with a clear reason, they and the moderators hear of it', async () => {
    const fay = await registrationIdOf('Fay')
    const mute = (cookie: string, method: 'PUT' | 'DELETE', registrationId = fay) =>
      testApp.app.inject({ method, url: room(`/chat/mutes/${registrationId}`), headers: as(cookie) })

    expect((await testApp.app.inject({ method: 'PUT', url: room(`/chat/mutes/${fay}`), headers: attendee('Carl') })).statusCode).toBe(403)
    expect((await mute(otherHostCookie, 'PUT')).statusCode).toBe(403)
    expect((await mute(hostCookie, 'PUT', '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404)

    expect((await mute(hostCookie, 'PUT')).statusCode).toBe(204)
    const refused = await post(attendee('Fay'), 'Can I still talk?')
    expect(refused.statusCode).toBe(403)
    expect(refused.json().error).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/^A moderator muted you in this chat/) })
    expect((await testApp.app.inject({ method: 'GET', url: room('/state'), headers: attendee('Fay') })).json().isMutedInChat).toBe(true)
    expect((await testApp.app.inject({ method: 'GET', url: room('/state'), headers: attendee('Carl') })).json().isMutedInChat).toBe(false)
    const hostState = (await testApp.app.inject({ method: 'GET', url: room('/state'), headers: as(cohostCookie) })).json()
    expect(hostState).toMatchObject({ isModerator: true, chatMutes: [{ registrationId: fay, name: 'Fay' }] })

    expect((await streams.fay!.next(ofType('chat.mute_changed'))).data).toEqual({ registrationId: fay, name: 'Fay', isMuted: true })
    const seenByCohost = await streams.cohost!.next((event) => event.type === 'moderation.action' && data<{ action: string }>(event).action === 'chat.muted')
    expect(seenByCohost.data).toMatchObject({ actorName: 'Ana Host', targetName: 'Fay' })

    // Muting twice changes nothing; unmuting lets them write again.
    expect((await mute(hostCookie, 'PUT')).statusCode).toBe(204)
    expect((await mute(cohostCookie, 'DELETE')).statusCode).toBe(204)
    expect((await streams.fay!.next((event) => event.type === 'chat.mute_changed' && !data<{ isMuted: boolean }>(event).isMuted)).data).toMatchObject({ isMuted: false })
    expect((await post(attendee('Fay'), 'Thanks for unmuting me')).statusCode).toBe(201)
    expect((await moderationActions()).filter((action) => action.action.startsWith('chat.') && action.action.endsWith('muted')).map((action) => action.action)).toEqual([
      'chat.muted',
      'chat.unmuted',
    ])
  })

  it('deletes a message for everyone: it leaves every chat at once, the moderators are told who did it', async () => {
    const sent = await post(attendee('Gus'), 'Buy cheap watches at example.com, the best prices on the whole internet, only today, hurry up!!')
    expect(sent.statusCode, sent.body).toBe(201)
    const messageId = sent.json().id
    // The existing route, now the moderators' "Delete for everyone".
    expect((await testApp.app.inject({ method: 'POST', url: room(`/chat/${messageId}/hide`), headers: attendee('Bob') })).statusCode).toBe(403)
    expect((await testApp.app.inject({ method: 'POST', url: room(`/chat/${messageId}/hide`), headers: as(hostCookie) })).statusCode).toBe(204)

    for (const stream of [streams.bob!, streams.carl!, streams.cohost!]) {
      expect((await stream.next((event) => event.type === 'chat.hidden' && data<{ id: string }>(event).id === messageId)).data).toEqual({ id: messageId })
    }
    const action = await streams.cohost!.next((event) => event.type === 'moderation.action' && data<{ action: string }>(event).action === 'chat.message_deleted')
    expect(action.data).toMatchObject({
      actorName: 'Ana Host',
      targetName: 'Gus',
      detail: { messageId, excerpt: expect.stringMatching(/^Buy cheap watches at example\.com.*…$/) },
    })
    expect((data<{ detail: { excerpt: string } }>(action).detail.excerpt).length).toBe(80)
    const chat = (await testApp.app.inject({ method: 'GET', url: room('/state'), headers: attendee('Bob') })).json().chat as { id: string }[]
    expect(chat.map((message) => message.id)).not.toContain(messageId)

    // Deleting it again changes nothing; a message that does not exist is a 404.
    expect((await testApp.app.inject({ method: 'POST', url: room(`/chat/${messageId}/hide`), headers: as(cohostCookie) })).statusCode).toBe(204)
    expect((await moderationActions()).filter((entry) => entry.action === 'chat.message_deleted')).toHaveLength(1)
    expect((await testApp.app.inject({ method: 'POST', url: room('/chat/00000000-0000-4000-8000-000000000000/hide'), headers: as(hostCookie) })).statusCode).toBe(404)
  })

  it('sends moderation actions to moderators only, live and when a stream catches up from the start', async () => {
    for (const stream of [streams.bob!, streams.carl!, streams.fay!]) {
      expect(stream.events.filter(ofType('moderation.action'))).toEqual([])
    }
    // Only Fay heard of Fay's mute.
    expect(streams.fay!.events.filter(ofType('chat.mute_changed'))).toHaveLength(2)
    expect([...streams.bob!.events, ...streams.carl!.events].filter(ofType('chat.mute_changed'))).toEqual([])
    expect(streams.host!.events.filter(ofType('moderation.action')).length).toBeGreaterThanOrEqual(5)

    // Replayed from the first event (a reconnect after a long time away): the same filter.
    const lastSeenByAttendee = streams.carl!.events.at(-1)!.id
    const lastSeenByHost = streams.host!.events.at(-1)!.id
    const replayedToAttendee = await openAttendeeStream('Carl', 0)
    const replayedToCohost = await openStaffStream(cohostCookie, 0)
    await replayedToAttendee.next((event) => event.id >= lastSeenByAttendee)
    await replayedToCohost.next((event) => event.id >= lastSeenByHost)
    expect(replayedToAttendee.events.filter(ofType('chat.message')).length).toBeGreaterThan(5)
    expect(replayedToAttendee.events.filter((event) => event.type === 'moderation.action' || event.type === 'chat.mute_changed')).toEqual([])
    // Everything in the log so far, the co-host's invitation (before the live streams opened) included.
    expect(replayedToCohost.events.filter(ofType('moderation.action')).map((event) => data<{ id: string }>(event).id)).toEqual(
      (await moderationActions()).map((action) => action.id),
    )
    await Promise.all([replayedToAttendee.close(), replayedToCohost.close()])
  })

  it('removes an attendee: no mail, the link dead, blocked in Stream, their event stream ended', async () => {
    expect((await testApp.app.inject({ method: 'POST', url: `/api/webinars/${webinar.id}/start`, headers: as(hostCookie) })).statusCode).toBe(200)
    const dave = await registrationIdOf('Dave')
    const credentials = (await testApp.app.inject({ method: 'POST', url: `/api/join/${tokens.Dave}/stream-token` })).json()
    const joinAsBrowser = () =>
      fetch(`${testApp.streamUrl}/video/call/${credentials.callType}/${credentials.callId}/join?api_key=${streamTestKeys.apiKey}`, {
        method: 'POST',
        headers: { authorization: credentials.token, 'stream-auth-type': 'jwt', 'content-type': 'application/json' },
        body: JSON.stringify({ create: false }),
      })
    expect((await joinAsBrowser()).status).toBe(201)
    const daveTicket = await ticketFor('Dave')
    streams.dave = openEventStream(`${testApp.url}${room(`/events?ticket=${daveTicket}`)}`)
    await streams.dave.ready

    const removed = await testApp.app.inject({ method: 'POST', url: room(`/attendees/${dave}/remove`), headers: as(cohostCookie) })
    expect(removed.statusCode, removed.body).toBe(204)

    // Told why, then the stream ends (on whichever instance held it).
    expect((await streams.dave.next(ofType('attendee.removed'))).data).toEqual({ registrationId: dave })
    await streams.dave.ended
    expect(streams.carl!.events.filter(ofType('attendee.removed'))).toEqual([])
    const toldToHost = await streams.host!.next((event) => event.type === 'moderation.action' && data<{ action: string }>(event).action === 'attendee.removed')
    expect(toldToHost.data).toMatchObject({ actorName: 'Cora Cohost', targetName: 'Dave' })
    // Their ticket, still signed and unexpired, opens nothing now.
    expect((await fetch(`${testApp.url}${room(`/events?ticket=${daveTicket}`)}`)).status).toBe(403)
    // Nor does a ticket work anywhere but on the event stream.
    expect((await testApp.app.inject({ method: 'POST', url: room(`/chat?ticket=${daveTicket}`), payload: { body: 'Back door?' } })).statusCode).toBe(401)

    // The link is retired: the personal page, the room and new tickets all refuse it.
    expect((await testApp.app.inject({ method: 'GET', url: `/api/join/${tokens.Dave}` })).statusCode).toBe(404)
    expect((await testApp.app.inject({ method: 'POST', url: `/api/join/${tokens.Dave}/room-ticket` })).statusCode).toBe(404)
    expect((await post(attendee('Dave'), 'Let me back in')).statusCode).toBe(404)
    // No "declined" mail: removing someone from the room says nothing to them by e-mail.
    const mail = await testApp.database.pool.query<{ kind: string }>(`select kind::text from email_messages where registration_id = $1 order by created_at`, [dave])
    // (The "we're live" fan-out of the start may or may not have reached them yet.)
    expect(mail.rows.map((row) => row.kind)).toContain('confirmation')
    expect(mail.rows.map((row) => row.kind)).not.toContain('rejected')
    const registration = await testApp.database.pool.query<{ status: string; join_token_version: number }>(`select status, join_token_version from registrations where id = $1`, [dave])
    expect(registration.rows[0]).toEqual({ status: 'rejected', join_token_version: 2 })

    // Blocked in Stream: out of the call, and the token they hold no longer gets them in.
    const stream = new StreamClient(streamTestKeys.apiKey, streamTestKeys.apiSecret, { basePath: testApp.streamUrl })
    const call = stream.video.call(webinar.streamCallType, webinar.streamCallId)
    await waitFor(async () => ((await call.get()).call.blocked_user_ids.includes(`reg_${dave}`) ? true : undefined))
    const refused = await joinAsBrowser()
    expect(refused.status).toBe(403)
    expect(((await refused.json()) as { code: number }).code).toBe(17)

    // Removing them twice: they are not in the room any more.
    expect((await testApp.app.inject({ method: 'POST', url: room(`/attendees/${dave}/remove`), headers: as(hostCookie) })).statusCode).toBe(409)
    expect((await testApp.app.inject({ method: 'POST', url: room(`/attendees/${dave}/remove`), headers: attendee('Carl') })).statusCode).toBe(403)
  })

  it('ends an attendee’s open event stream within seconds of their registration being declined elsewhere', async () => {
    const eve = await registrationIdOf('Eve')
    streams.eve = await openAttendeeStream('Eve')
    const declinedAt = Date.now()
    const declined = await testApp.app.inject({ method: 'POST', url: `/api/webinars/${webinar.id}/registrations/${eve}/reject`, headers: as(ownerCookie) })
    expect(declined.statusCode, declined.body).toBe(200)
    await streams.eve.ended
    expect(Date.now() - declinedAt).toBeLessThan(7000)
  })

  it('keeps every action in the audit list, in order, for the webinar’s moderators only', async () => {
    const items = await moderationActions(ownerCookie)
    expect(items.map((item) => [item.action, item.actorName, item.targetName])).toEqual([
      ['speaker.invited', 'Ana Host', 'Cora Cohost'],
      ['chat.slow_mode_changed', 'Cora Cohost', null],
      ['chat.slow_mode_changed', 'Ana Host', null],
      ['chat.muted', 'Ana Host', 'Fay'],
      ['chat.unmuted', 'Cora Cohost', 'Fay'],
      ['chat.message_deleted', 'Ana Host', 'Gus'],
      ['attendee.removed', 'Cora Cohost', 'Dave'],
    ])
    expect(items.map((item) => Date.parse(item.createdAt))).toEqual(items.map((item) => Date.parse(item.createdAt)).sort((a, b) => a - b))
    expect(await moderationActions(cohostCookie)).toEqual(items)
    const url = `/api/webinars/${webinar.id}/moderation-actions`
    expect((await testApp.app.inject({ method: 'GET', url, headers: as(otherHostCookie) })).statusCode).toBe(403)
    expect((await testApp.app.inject({ method: 'GET', url, headers: attendee('Bob') })).statusCode).toBe(401)
  })
})
