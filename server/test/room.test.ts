import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openEventStream } from './support/sse-client.ts'
import { waitFor } from './support/wait-for.ts'
import { createTestApp, csrfHeaders, setUpOwner, type TestApp } from './support/test-app.ts'
import { joinTokenMailedTo } from './support/mail.ts'

// Real time, shifted when a test needs a room ticket to be old.
let clockOffsetMs = 0
const clock = { now: () => new Date(Date.now() + clockOffsetMs) }
let testApp: TestApp
let ownerCookie: string
let webinar: { id: string; slug: string }
let attendeeToken: string
let secondAttendeeToken: string

const host = () => ({ cookie: ownerCookie, ...csrfHeaders })
const attendee = (token = attendeeToken) => ({ 'x-join-token': token })

async function createWebinar(overrides: Record<string, unknown> = {}) {
  const response = await testApp.app.inject({
    method: 'POST',
    url: '/api/webinars',
    headers: host(),
    payload: { title: 'Room test', startTime: new Date(Date.now() + 3600_000).toISOString(), timezone: 'UTC', durationMinutes: 60, ...overrides },
  })
  return response.json()
}

/** The attendee's pass to the event stream, as the room asks for it: the join token stays in a header. */
async function ticketFor(token: string, webinarId = webinar.id): Promise<string> {
  const response = await testApp.app.inject({ method: 'POST', url: `/api/join/${token}/room-ticket` })
  expect(response.statusCode, response.body).toBe(200)
  expect(response.json().webinarId).toBe(webinarId)
  return response.json().ticket
}

async function registerAndGetToken(slug: string, email: string): Promise<string> {
  await testApp.app.inject({ method: 'POST', url: `/api/public/webinars/${slug}/registrations`, payload: { name: email.split('@')[0], email } })
  return joinTokenMailedTo(testApp, email)
}

beforeAll(async () => {
  testApp = await createTestApp({ clock })
  ownerCookie = await setUpOwner(testApp.app)
  webinar = await createWebinar()
  attendeeToken = await registerAndGetToken(webinar.slug, 'ann@example.com')
  secondAttendeeToken = await registerAndGetToken(webinar.slug, 'bob@example.com')
})
afterAll(() => testApp.close())

describe('the room in real time', () => {
  it('streams chat, questions, answers and the start both ways', async () => {
    const attendeeStream = openEventStream(`${testApp.url}/api/rooms/${webinar.id}/events?ticket=${await ticketFor(attendeeToken)}`)
    const hostStream = openEventStream(`${testApp.url}/api/rooms/${webinar.id}/events`, { cookie: ownerCookie })
    await Promise.all([attendeeStream.ready, hostStream.ready])

    const sent = await testApp.app.inject({ method: 'POST', url: `/api/rooms/${webinar.id}/chat`, headers: attendee(), payload: { body: 'Hello from the audience' } })
    expect(sent.statusCode, sent.body).toBe(201)
    const seenByHost = await hostStream.next((event) => event.type === 'chat.message')
    expect(seenByHost.data).toMatchObject({ authorName: 'ann', body: 'Hello from the audience', isFromHost: false })

    await testApp.app.inject({ method: 'POST', url: `/api/rooms/${webinar.id}/chat`, headers: host(), payload: { body: 'Welcome!' } })
    expect((await attendeeStream.next((event) => event.type === 'chat.message' && (event.data as { isFromHost: boolean }).isFromHost)).data).toMatchObject({ body: 'Welcome!' })

    const asked = await testApp.app.inject({ method: 'POST', url: `/api/rooms/${webinar.id}/questions`, headers: attendee(), payload: { body: 'Will there be a replay?' } })
    const question = asked.json()
    const upvote = await testApp.app.inject({ method: 'POST', url: `/api/rooms/${webinar.id}/questions/${question.id}/upvote`, headers: attendee(secondAttendeeToken) })
    expect(upvote.json()).toMatchObject({ upvotes: 1, hasMyVote: true })
    const twice = await testApp.app.inject({ method: 'POST', url: `/api/rooms/${webinar.id}/questions/${question.id}/upvote`, headers: attendee(secondAttendeeToken) })
    expect(twice.statusCode).toBe(409)

    await testApp.app.inject({ method: 'POST', url: `/api/rooms/${webinar.id}/questions/${question.id}/answer`, headers: host(), payload: { answer: 'Yes, by e-mail.' } })
    const answered = await attendeeStream.next((event) => event.type === 'question.updated' && (event.data as { isAnswered: boolean }).isAnswered)
    expect(answered.data).toMatchObject({ answer: 'Yes, by e-mail.', upvotes: 1 })

    const startedAt = Date.now()
    await testApp.app.inject({ method: 'POST', url: `/api/webinars/${webinar.id}/start`, headers: host() })
    const live = await attendeeStream.next((event) => event.type === 'webinar.status')
    expect(live.data).toEqual({ status: 'live' })
    expect(Date.now() - startedAt).toBeLessThan(2000)

    // Reconnecting with Last-Event-ID catches up on what was missed, without repeating anything.
    const lastSeen = attendeeStream.events.at(-1)!.id
    await attendeeStream.close()
    await testApp.app.inject({ method: 'POST', url: `/api/rooms/${webinar.id}/chat`, headers: host(), payload: { body: 'While you were away' } })
    const resumed = openEventStream(`${testApp.url}/api/rooms/${webinar.id}/events?ticket=${await ticketFor(attendeeToken)}`, { 'last-event-id': String(lastSeen - 1) })
    await resumed.next((event) => event.type === 'chat.message' && (event.data as { body: string }).body === 'While you were away')
    expect(resumed.events[0]!.id).toBe(lastSeen)
    expect(new Set(resumed.events.map((event) => event.id)).size).toBe(resumed.events.length)
    await resumed.close()
    await hostStream.close()
  })

  it('runs polls: attendees vote once and see results only when the host shares them', async () => {
    const created = await testApp.app.inject({ method: 'POST', url: `/api/rooms/${webinar.id}/polls`, headers: host(), payload: { question: 'Useful?', options: ['Yes', 'No'] } })
    expect(created.statusCode, created.body).toBe(201)
    const poll = created.json()
    const draftVote = await testApp.app.inject({ method: 'POST', url: `/api/rooms/${webinar.id}/polls/${poll.id}/vote`, headers: attendee(), payload: { optionIndex: 0 } })
    expect(draftVote.statusCode).toBe(404)
    await testApp.app.inject({ method: 'PATCH', url: `/api/rooms/${webinar.id}/polls/${poll.id}`, headers: host(), payload: { status: 'open' } })
    const vote = await testApp.app.inject({ method: 'POST', url: `/api/rooms/${webinar.id}/polls/${poll.id}/vote`, headers: attendee(), payload: { optionIndex: 0 } })
    expect(vote.json()).toMatchObject({ myVote: 0, results: null })
    expect((await testApp.app.inject({ method: 'POST', url: `/api/rooms/${webinar.id}/polls/${poll.id}/vote`, headers: attendee(), payload: { optionIndex: 1 } })).statusCode).toBe(409)
    const hostView = (await testApp.app.inject({ method: 'GET', url: `/api/rooms/${webinar.id}/state`, headers: host() })).json()
    expect(hostView.polls.find((item: { id: string }) => item.id === poll.id).results).toEqual([1, 0])
    await testApp.app.inject({ method: 'PATCH', url: `/api/rooms/${webinar.id}/polls/${poll.id}`, headers: host(), payload: { status: 'closed', areResultsShared: true } })
    const attendeeView = (await testApp.app.inject({ method: 'GET', url: `/api/rooms/${webinar.id}/state`, headers: attendee() })).json()
    expect(attendeeView.polls.find((item: { id: string }) => item.id === poll.id)).toMatchObject({ results: [1, 0], myVote: 0, status: 'closed' })
  })

  it('sends on an event too large for a NOTIFY (8 kB) as surely as a small one, in order', async () => {
    const attendeeStream = openEventStream(`${testApp.url}/api/rooms/${webinar.id}/events?ticket=${await ticketFor(attendeeToken)}`)
    await attendeeStream.ready
    const asked = await testApp.app.inject({ method: 'POST', url: `/api/rooms/${webinar.id}/questions`, headers: host(), payload: { body: 'Long answer?' } })
    expect(asked.statusCode, asked.body).toBe(201)
    // 2,000 characters of 4 bytes each: the event travels as its id and is read back.
    const answer = '🎙'.repeat(2000)
    const answered = await testApp.app.inject({ method: 'POST', url: `/api/rooms/${webinar.id}/questions/${asked.json().id}/answer`, headers: host(), payload: { answer } })
    expect(answered.statusCode, answered.body).toBe(200)
    await testApp.app.inject({ method: 'POST', url: `/api/rooms/${webinar.id}/chat`, headers: host(), payload: { body: 'After the long answer' } })
    const large = await attendeeStream.next((event) => event.type === 'question.updated' && (event.data as { answer: string | null }).answer === answer)
    const after = await attendeeStream.next((event) => event.type === 'chat.message' && (event.data as { body: string }).body === 'After the long answer')
    expect(after.id).toBeGreaterThan(large.id)
    await attendeeStream.close()
  })

  it('refuses what attendees may not do, with a readable reason', async () => {
    const other = await createWebinar({ title: 'Other room', settings: { chat: false } })
    const otherToken = await registerAndGetToken(other.slug, 'cara@example.com')
    const foreign = await testApp.app.inject({ method: 'POST', url: `/api/rooms/${webinar.id}/chat`, headers: attendee(otherToken), payload: { body: 'hi' } })
    expect(foreign.statusCode).toBe(403)
    expect(foreign.json().error.message).toMatch(/another webinar/)
    const chatOff = await testApp.app.inject({ method: 'POST', url: `/api/rooms/${other.id}/chat`, headers: attendee(otherToken), payload: { body: 'hi' } })
    expect(chatOff.statusCode).toBe(409)
    expect(chatOff.json().error.message).toMatch(/Chat is turned off/)
    const tooLong = await testApp.app.inject({ method: 'POST', url: `/api/rooms/${webinar.id}/chat`, headers: attendee(), payload: { body: 'x'.repeat(501) } })
    expect(tooLong.statusCode).toBe(400)
    const asHost = await testApp.app.inject({ method: 'POST', url: `/api/rooms/${webinar.id}/polls`, headers: attendee(), payload: { question: 'Mine?', options: ['a', 'b'] } })
    expect(asHost.statusCode).toBe(403)
    const noAuth = await testApp.app.inject({ method: 'GET', url: `/api/rooms/${webinar.id}/state` })
    expect(noAuth.statusCode).toBe(401)

    const statuses: number[] = []
    for (let index = 0; index < 4; index++) {
      statuses.push((await testApp.app.inject({ method: 'POST', url: `/api/rooms/${webinar.id}/chat`, headers: attendee(secondAttendeeToken), payload: { body: `msg ${index}` } })).statusCode)
    }
    expect(statuses).toEqual([201, 201, 201, 429])
  })

  it('opens the event stream to a ticket for this room only, never to a join token in the URL', async () => {
    const events = (query: string) => testApp.app.inject({ method: 'GET', url: `/api/rooms/${webinar.id}/events?${query}` })
    const tokenInUrl = await events(`token=${attendeeToken}`)
    expect(tokenInUrl.statusCode).toBe(400)
    expect(JSON.stringify(tokenInUrl.json())).not.toContain(attendeeToken)

    const other = await createWebinar({ title: 'Another room' })
    const otherToken = await registerAndGetToken(other.slug, 'dora@example.com')
    const foreign = await events(`ticket=${await ticketFor(otherToken, other.id)}`)
    expect(foreign.statusCode).toBe(403)
    expect(foreign.json().error.message).toMatch(/another webinar/)
    expect((await events('ticket=not.a.ticket')).statusCode).toBe(401)

    const ticket = await ticketFor(attendeeToken)
    clockOffsetMs = 11 * 60_000
    try {
      const expired = await events(`ticket=${ticket}`)
      expect(expired.statusCode).toBe(401)
      expect(expired.json().error.message).toMatch(/expired/)
    } finally {
      clockOffsetMs = 0
    }

    // Only approved registrations get a ticket.
    const manual = await createWebinar({ title: 'Invite only room', approvalMode: 'manual' })
    const pendingToken = await registerAndGetToken(manual.slug, 'erin@example.com')
    expect((await testApp.app.inject({ method: 'POST', url: `/api/join/${pendingToken}/room-ticket` })).statusCode).toBe(403)
  })

  it('lets one attendee hold a few event streams, not unlimited ones', async () => {
    const token = await registerAndGetToken(webinar.slug, 'many-tabs@example.com')
    const streams = []
    for (let index = 0; index < 5; index++) {
      const stream = openEventStream(`${testApp.url}/api/rooms/${webinar.id}/events?ticket=${await ticketFor(token)}`)
      await stream.ready
      streams.push(stream)
    }
    const sixth = await fetch(`${testApp.url}/api/rooms/${webinar.id}/events?ticket=${await ticketFor(token)}`)
    expect(sixth.status).toBe(429)
    expect(((await sixth.json()) as { error: { code: string } }).error.code).toBe('rate_limited')
    // Closing a window frees its place.
    await streams.pop()!.close()
    await waitFor(async () => {
      const again = openEventStream(`${testApp.url}/api/rooms/${webinar.id}/events?ticket=${await ticketFor(token)}`)
      const isOpen = await again.ready.then(
        () => true,
        () => false,
      )
      if (isOpen) streams.push(again)
      return isOpen || undefined
    })
    await Promise.all(streams.map((stream) => stream.close()))
  })

  it('mints credentials per link a few times a minute, so one link cannot flood, while another from the same address goes on', async () => {
    const busy = await registerAndGetToken(webinar.slug, 'busy-link@example.com')
    const other = await registerAndGetToken(webinar.slug, 'same-office@example.com')
    const statuses: number[] = []
    for (let index = 0; index < 32; index++) {
      statuses.push((await testApp.app.inject({ method: 'POST', url: `/api/join/${busy}/room-ticket` })).statusCode)
    }
    expect(statuses.filter((status) => status === 200)).toHaveLength(30)
    expect(statuses.slice(30)).toEqual([429, 429])
    expect((await testApp.app.inject({ method: 'POST', url: `/api/join/${other}/room-ticket` })).statusCode).toBe(200)
  })

  it('closes open polls at the end and keeps the room read-only afterwards', async () => {
    const ending = await createWebinar({ title: 'Ending room' })
    const token = await registerAndGetToken(ending.slug, 'fay@example.com')
    const poll = (await testApp.app.inject({ method: 'POST', url: `/api/rooms/${ending.id}/polls`, headers: host(), payload: { question: 'Useful?', options: ['Yes', 'No'] } })).json()
    await testApp.app.inject({ method: 'PATCH', url: `/api/rooms/${ending.id}/polls/${poll.id}`, headers: host(), payload: { status: 'open' } })
    const question = (await testApp.app.inject({ method: 'POST', url: `/api/rooms/${ending.id}/questions`, headers: attendee(token), payload: { body: 'Slides?' } })).json()
    expect((await testApp.app.inject({ method: 'POST', url: `/api/webinars/${ending.id}/start`, headers: host() })).statusCode).toBe(200)
    const stream = openEventStream(`${testApp.url}/api/rooms/${ending.id}/events?ticket=${await ticketFor(token, ending.id)}`)
    await stream.ready
    expect((await testApp.app.inject({ method: 'POST', url: `/api/webinars/${ending.id}/end`, headers: host() })).statusCode).toBe(200)
    const closed = await stream.next((event) => event.type === 'poll.updated')
    expect(closed.data).toMatchObject({ id: poll.id, status: 'closed' })
    await stream.next((event) => event.type === 'webinar.status')
    stream.close()

    const refusals = await Promise.all([
      testApp.app.inject({ method: 'POST', url: `/api/rooms/${ending.id}/chat`, headers: attendee(token), payload: { body: 'Still here?' } }),
      testApp.app.inject({ method: 'POST', url: `/api/rooms/${ending.id}/questions`, headers: attendee(token), payload: { body: 'One more?' } }),
      testApp.app.inject({ method: 'POST', url: `/api/rooms/${ending.id}/questions/${question.id}/upvote`, headers: attendee(token) }),
      testApp.app.inject({ method: 'POST', url: `/api/rooms/${ending.id}/polls/${poll.id}/vote`, headers: attendee(token), payload: { optionIndex: 0 } }),
    ])
    expect(refusals.map((response) => response.statusCode)).toEqual([409, 409, 409, 409])
    for (const response of refusals) expect(response.json().error.message).toMatch(/ended|closed/)
    const state = (await testApp.app.inject({ method: 'GET', url: `/api/rooms/${ending.id}/state`, headers: attendee(token) })).json()
    expect(state).toMatchObject({ webinarStatus: 'ended' })
    expect(state.questions.map((item: { body: string }) => item.body)).toEqual(['Slides?'])
  })
})
