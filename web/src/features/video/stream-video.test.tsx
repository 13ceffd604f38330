import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react'
import type { JoinView } from '@webinar/shared/registrations'
import type { RoomState } from '@webinar/shared/room'
import type { MyStageRequest, StageRequest, StageState } from '@webinar/shared/stage'
import type { StreamCredentials, Webinar } from '@webinar/shared/webinars'
import { StrictMode } from 'react'
import { createMemoryRouter, RouterProvider } from 'react-router'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { AppProviders } from '@/app/providers'
import { JoinRoomRoute } from '@/app/routes/join-room'
import { StudioRoute } from '@/app/routes/studio'
import { createdClients, FakeEventSource, resetFakeStream, setFakeCallState, type FakeParticipant } from './test/fake-stream-sdk'

// The Stream SDK is replaced at the app's one boundary with it; everything else (routes, react-query, the room's
// event stream, the video provider) is the real code, against a mocked fetch.
vi.mock('@/features/video/stream-sdk', async () => (await import('./test/fake-stream-sdk')).fakeStreamSdk)

const webinarId = '0b7c3a52-5d0e-4c1e-9a57-3f3f1c2d4e5f'
const callId = `wbn_${webinarId.replaceAll('-', '')}`
const joinToken = 'A'.repeat(43)

const hostCredentials: StreamCredentials = {
  apiKey: 'stream-key',
  token: 'host-token-1',
  userId: 'staff_olive',
  userName: 'Olive Owner',
  callType: 'webinar',
  callId,
  expiresAt: new Date(Date.now() + 3600_000).toISOString(),
  isLocalMode: false,
  localPresenceUrl: null,
}
const attendeeCredentials: StreamCredentials = { ...hostCredentials, token: 'viewer-token-1', userId: 'reg_ada', userName: 'Ada Attendee' }

let isCaptioning = false

function webinarWith(status: Webinar['status']): Webinar {
  const now = new Date().toISOString()
  return {
    id: webinarId,
    slug: 'launch-week',
    title: 'Launch week live Q&A',
    description: '',
    startTime: new Date(Date.now() + 300_000).toISOString(),
    endTime: new Date(Date.now() + 3900_000).toISOString(),
    timezone: 'Europe/Paris',
    durationMinutes: 60,
    capacity: null,
    registrationDeadline: null,
    approvalMode: 'auto',
    status,
    settings: { record: true, viewerMode: 'webrtc', captions: false, chat: true, qna: true, joinAheadSeconds: 3600, handRaising: true, chatSlowModeSeconds: 0 },
    host: { id: 'f1d7c1de-0000-4000-8000-000000000001', name: 'Olive Owner', email: 'olive@example.com' },
    registrationForm: { fields: [] },
    attendedThresholdSeconds: 600,
    series: null,
    streamCallType: 'webinar',
    streamCallId: callId,
    streamCallCid: `webinar:${callId}`,
    provisioning: 'ready',
    provisioningError: null,
    hlsPlaylistUrl: null,
    isCaptioning,
    liveStartedAt: status === 'live' || status === 'ended' ? now : null,
    endedAt: status === 'ended' ? now : null,
    cancelledAt: null,
    createdAt: now,
    updatedAt: now,
  }
}

function roomState(status: RoomState['webinarStatus']): RoomState {
  return {
    webinarStatus: status,
    settings: { chat: true, qna: true, chatSlowModeSeconds: 0 },
    isModerator: false,
    isMutedInChat: false,
    chatMutes: [],
    isCaptioning,
    chat: [],
    questions: [],
    polls: [],
    lastEventId: 7,
  }
}

const baseJoinView: JoinView = {
  registration: { name: 'Ada Attendee', email: 'ada@example.com', status: 'approved', streamUserId: 'reg_ada' },
  webinarId,
  call: { type: 'webinar', id: callId },
  webinar: {
    slug: 'launch-week',
    title: 'Launch week live Q&A',
    description: '',
    hostName: 'Olive Owner',
    startTime: new Date(Date.now() + 300_000).toISOString(),
    endTime: new Date(Date.now() + 3900_000).toISOString(),
    timezone: 'Europe/Paris',
    durationMinutes: 60,
    status: 'scheduled',
    liveStartedAt: null,
    endedAt: null,
    approvalMode: 'auto',
  },
  joinOpensAt: new Date(Date.now() - 60_000).toISOString(),
  viewing: { mode: 'webrtc', hlsPlaylistUrl: null, isCaptioning: false },
}
let joinView: JoinView = baseJoinView

let webinarStatus: Webinar['status'] = 'scheduled'
let tokenCount = 0

const handRequest: StageRequest = {
  id: '8d9e0f1a-2b3c-4d4e-8f5a-6b7c8d9e0f1a',
  registrationId: 'c4a1e2f3-7b6d-4e5f-8a9b-0c1d2e3f4a5b',
  name: 'Ada Attendee',
  streamUserId: 'reg_ada',
  status: 'pending',
  requestedAt: new Date().toISOString(),
  decidedAt: null,
  decidedByName: null,
}
let stageState: StageState = { handRaising: true, speakers: [], requests: [] }
let myStage: MyStageRequest = { handRaising: true, request: null }
/** What the next decision on a raised hand answers: the request moved on, or a 409 saying why not. */
let nextDecision: { status: 200; body: StageRequest } | { status: 409; message: string } = { status: 200, body: handRequest }

/** The path and method asked for: the app's API client (openapi-fetch) passes a Request with an absolute URL. */
function requestOf(input: RequestInfo | URL, init?: RequestInit): { url: string; method: string } {
  if (input instanceof Request) {
    const url = new URL(input.url)
    return { url: `${url.pathname}${url.search}`, method: input.method }
  }
  return { url: String(input), method: init?.method ?? 'GET' }
}

const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
  const { url, method } = requestOf(input, init)
  const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
  if (url === '/api/setup') return json({ needsSetup: false })
  if (url === '/api/me') return json({ user: { id: 'f1d7c1de-0000-4000-8000-000000000001', email: 'olive@example.com', name: 'Olive Owner', role: 'owner', createdAt: new Date().toISOString() }, via: 'session' })
  if (url === `/api/webinars/${webinarId}` && method === 'GET') return json(webinarWith(webinarStatus))
  if (url === `/api/webinars/${webinarId}/start` && method === 'POST') {
    webinarStatus = 'live'
    return json(webinarWith('live'))
  }
  if (url === `/api/webinars/${webinarId}/captions` && method === 'POST') {
    isCaptioning = (JSON.parse(await (input as Request).clone().text()) as { isOn: boolean }).isOn
    return json(webinarWith(webinarStatus))
  }
  if (url === `/api/webinars/${webinarId}/stream-token` && method === 'POST') return json({ ...hostCredentials, token: `host-token-${++tokenCount}` })
  if (url === `/api/join/${joinToken}` && method === 'GET') return json(joinView)
  if (url === `/api/join/${joinToken}/stream-token` && method === 'POST') return json({ ...attendeeCredentials, token: `viewer-token-${++tokenCount}` })
  if (url === `/api/join/${joinToken}/room-ticket` && method === 'POST') return json({ ticket: 'room-ticket-1', webinarId, expiresAt: new Date(Date.now() + 600_000).toISOString() })
  if (url === `/api/rooms/${webinarId}/state`) return json(roomState(webinarStatus === 'draft' ? 'scheduled' : webinarStatus))
  if (url === `/api/webinars/${webinarId}/stage` && method === 'GET') return json(stageState)
  if (url.startsWith(`/api/webinars/${webinarId}/stage/requests/`) && method === 'POST') {
    return nextDecision.status === 200 ? json(nextDecision.body) : json({ error: { code: 'conflict', message: nextDecision.message } }, 409)
  }
  if (url === `/api/join/${joinToken}/stage` && method === 'GET') return json(myStage)
  return json({ error: { code: 'not_found', message: `unexpected ${method} ${url}` } }, 404)
})

function renderRoute(path: string, pattern: string, Component: () => React.JSX.Element) {
  const router = createMemoryRouter([{ path: pattern, Component }], { initialEntries: [path] })
  return render(
    <StrictMode>
      <AppProviders>
        <RouterProvider router={router} />
      </AppProviders>
    </StrictMode>,
  )
}

function lastEventSource(): FakeEventSource {
  const source = FakeEventSource.instances.at(-1)
  if (!source) throw new Error('no EventSource was opened')
  return source
}

function callsTo(path: string, method = 'GET') {
  return fetchMock.mock.calls.filter(([input, init]) => {
    const request = requestOf(input, init)
    return request.url === path && request.method === method
  })
}

beforeEach(() => {
  resetFakeStream()
  FakeEventSource.instances = []
  webinarStatus = 'scheduled'
  isCaptioning = false
  joinView = baseJoinView
  tokenCount = 0
  stageState = { handRaising: true, speakers: [], requests: [] }
  myStage = { handRaising: true, request: null }
  nextDecision = { status: 200, body: handRequest }
  fetchMock.mockClear()
  vi.stubGlobal('fetch', fetchMock)
  vi.stubGlobal('EventSource', FakeEventSource)
})

afterEach(() => {
  cleanup()
  vi.unstubAllGlobals()
})

describe('the studio', () => {
  it('joins the pre-provisioned call once (StrictMode), goes live, ends, and leaves', async () => {
    renderRoute(`/studio/${webinarId}`, '/studio/:webinarId', StudioRoute)

    await screen.findByTestId('speaker-layout')
    expect(createdClients).toHaveLength(1)
    const [client] = createdClients
    expect(client!.options).toMatchObject({ apiKey: 'stream-key', user: { id: 'staff_olive', name: 'Olive Owner' } })
    expect(client!.call).toHaveBeenCalledTimes(1)
    expect(client!.call).toHaveBeenCalledWith('webinar', callId)
    const call = client!.calls[0]!
    expect(call.join).toHaveBeenCalledTimes(1)
    expect(call.join).toHaveBeenCalledWith({ create: false })

    // The token provider asks our API for a fresh host token.
    const before = callsTo(`/api/webinars/${webinarId}/stream-token`, 'POST').length
    await expect(client!.options.tokenProvider()).resolves.toMatch(/^host-token-\d+$/)
    expect(callsTo(`/api/webinars/${webinarId}/stream-token`, 'POST')).toHaveLength(before + 1)

    // Backstage: our status and Stream's agree.
    expect(screen.getByText('Backstage')).toBeTruthy()
    expect(screen.getByText('Backstage: only the speakers can see this')).toBeTruthy()
    expect(screen.getByText('0 viewers')).toBeTruthy() // the host is not counted
    act(() => setFakeCallState({ participantCount: 4 }))
    expect(await screen.findByText('3 viewers')).toBeTruthy()

    // Live.
    act(() => screen.getByRole('button', { name: 'Start webinar' }).click())
    const confirm = await screen.findByRole('alertdialog')
    act(() => within(confirm).getByRole('button', { name: 'Start webinar' }).click())
    await screen.findByRole('button', { name: 'End webinar' })
    expect(callsTo(`/api/webinars/${webinarId}/start`, 'POST')).toHaveLength(1)
    act(() => setFakeCallState({ isLive: true }))
    expect(await screen.findByText('On air')).toBeTruthy()
    expect(screen.getByLabelText('Time on air')).toBeTruthy()

    // Ended (announced over the room's event stream): the call is left and the client disconnected.
    webinarStatus = 'ended'
    act(() => lastEventSource().emit('webinar.status', { status: 'ended' }, 8))
    await screen.findByText('This webinar has ended')
    await waitFor(() => expect(call.leave).toHaveBeenCalledTimes(1))
    await waitFor(() => expect(client!.disconnectUser).toHaveBeenCalledTimes(1))
    expect(call.join).toHaveBeenCalledTimes(1)
    expect(createdClients).toHaveLength(1)
  })

  it('leaves and disconnects when the page is closed', async () => {
    const view = renderRoute(`/studio/${webinarId}`, '/studio/:webinarId', StudioRoute)
    await screen.findByTestId('speaker-layout')
    const [client] = createdClients
    const call = client!.calls[0]!
    expect(call.join).toHaveBeenCalledTimes(1)
    expect(call.leave).not.toHaveBeenCalled()
    view.unmount()
    await waitFor(() => expect(call.leave).toHaveBeenCalledTimes(1))
    await waitFor(() => expect(client!.disconnectUser).toHaveBeenCalledTimes(1))
    expect(lastEventSource().readyState).toBe(FakeEventSource.CLOSED)
  })
})

/** Someone in the call: the host publishing camera and microphone, or a viewer publishing nothing. */
const participant = (userId: string, roles: string[], publishedTracks: number[]): FakeParticipant => ({ userId, name: userId, roles, publishedTracks })

describe('the studio with an audience in the call', () => {
  it('shows only the people on stage, never the viewers, and counts the viewers from Stream’s counts by role', async () => {
    const viewers = Array.from({ length: 50 }, (_, index) => participant(`reg_${index}`, ['viewer'], []))
    setFakeCallState({
      participants: [participant('staff_olive', ['host'], [1, 2]), ...viewers],
      participantCount: 51,
      countByRole: { host: 1, viewer: 50 },
    })
    renderRoute(`/studio/${webinarId}`, '/studio/:webinarId', StudioRoute)

    const tiles = within(await screen.findByTestId('speaker-layout')).getAllByRole('listitem')
    expect(tiles.map((tile) => tile.textContent)).toEqual(['staff_olive'])
    expect(await screen.findByText('50 viewers')).toBeTruthy()

    // A viewer brought on stage (publishing) gets a place; a second host too, and is not counted as a viewer.
    act(() =>
      setFakeCallState({
        participants: [participant('staff_olive', ['host'], [1, 2]), participant('staff_guest', ['host'], []), { ...viewers[0]!, publishedTracks: [1] }, ...viewers.slice(1)],
        participantCount: 52,
        countByRole: { host: 2, viewer: 50 },
      }),
    )
    await waitFor(() => expect(within(screen.getByTestId('speaker-layout')).getAllByRole('listitem')).toHaveLength(3))
    expect(screen.getByText('50 viewers')).toBeTruthy()
  })

  it('turns captions on for everyone and shows them over the video', async () => {
    setFakeCallState({ closedCaptions: [{ speaker_id: 'staff_olive', start_time: '2030-01-01T10:00:00Z', text: 'Welcome, everyone.', user: { id: 'staff_olive', name: 'Olive Owner' } }] })
    renderRoute(`/studio/${webinarId}`, '/studio/:webinarId', StudioRoute)
    await screen.findByTestId('speaker-layout')
    const toggle = screen.getByRole('button', { name: 'Captions' })
    expect(toggle.getAttribute('aria-pressed')).toBe('false')
    expect(screen.queryByLabelText('Closed captions')).toBeNull()

    act(() => toggle.click())
    await waitFor(() => expect(screen.getByRole('button', { name: 'Captions' }).getAttribute('aria-pressed')).toBe('true'))
    expect(callsTo(`/api/webinars/${webinarId}/captions`, 'POST')).toHaveLength(1)
    expect(screen.getByLabelText('Closed captions').textContent).toBe('Olive Owner: Welcome, everyone.')
  })
})

describe('the attendee room', () => {
  it('waits for the host, switches to the live video on the SSE event, then ends and leaves', async () => {
    renderRoute(`/join/${joinToken}/room`, '/join/:token/room', JoinRoomRoute)

    await screen.findByText('The host will start soon')
    // No video yet: the SDK is not even asked for while the host is backstage.
    expect(createdClients).toHaveLength(0)
    // The join token stays out of the URL: the stream opens with a room ticket.
    await waitFor(() => expect(lastEventSource().url).toBe(`/api/rooms/${webinarId}/events?lastEventId=7&ticket=room-ticket-1`))
    expect(callsTo(`/api/join/${joinToken}/room-ticket`, 'POST')).toHaveLength(1)

    act(() => lastEventSource().emit('webinar.status', { status: 'live' }, 8))
    await waitFor(() => expect(createdClients).toHaveLength(1))
    const [client] = createdClients
    expect(client!.options).toMatchObject({ apiKey: 'stream-key', user: { id: 'reg_ada', name: 'Ada Attendee' } })
    await expect(client!.options.tokenProvider()).resolves.toMatch(/^viewer-token-\d+$/)
    expect(callsTo(`/api/join/${joinToken}/stream-token`, 'POST').length).toBeGreaterThanOrEqual(2)

    const call = client!.calls[0]!
    await waitFor(() => expect(call.get).toHaveBeenCalledTimes(1))
    expect(call.join).not.toHaveBeenCalled() // Stream still has it backstage: joinBehavior "live"
    act(() => setFakeCallState({ isLive: true }))
    await screen.findByTestId('speaker-layout')
    expect(call.join).toHaveBeenCalledTimes(1)
    expect(call.join).toHaveBeenCalledWith({ create: false })
    // The host on screen, not the viewer herself nor anyone else watching.
    act(() => setFakeCallState({ participants: [participant('staff_olive', ['host'], [1, 2]), participant('reg_ada', ['viewer'], []), participant('reg_bob', ['viewer'], [])] }))
    expect(within(screen.getByTestId('speaker-layout')).getAllByRole('listitem').map((tile) => tile.textContent)).toEqual(['staff_olive'])
    // A broadcast starting meanwhile does not move someone watching in the call.
    act(() => setFakeCallState({ hlsPlaylistUrl: 'https://hls.example/playlist.m3u8' }))
    expect(screen.queryByLabelText('Webinar broadcast')).toBeNull()
    expect(screen.getByTestId('speaker-layout')).toBeTruthy()

    // Captions, switched on by the host: the room hears it on its event stream.
    act(() => setFakeCallState({ closedCaptions: [{ speaker_id: 'staff_olive', start_time: '2030-01-01T10:00:00Z', text: 'Hello from the stage.', user: { id: 'staff_olive', name: 'Olive Owner' } }] }))
    expect(screen.queryByLabelText('Closed captions')).toBeNull()
    act(() => lastEventSource().emit('captions', { isOn: true }, 9))
    expect((await screen.findByLabelText('Closed captions')).textContent).toBe('Olive Owner: Hello from the stage.')

    act(() => lastEventSource().emit('webinar.status', { status: 'ended' }, 10))
    await screen.findByRole('heading', { name: 'This webinar has ended' })
    await waitFor(() => expect(call.leave).toHaveBeenCalledTimes(1))
    await waitFor(() => expect(client!.disconnectUser).toHaveBeenCalledTimes(1))
  })

  it('in HLS mode plays the broadcast and never joins the call, even live', async () => {
    joinView = { ...baseJoinView, viewing: { mode: 'hls', hlsPlaylistUrl: 'https://hls.example/playlist.m3u8', isCaptioning: false } }
    setFakeCallState({ isLive: true })
    webinarStatus = 'live'
    renderRoute(`/join/${joinToken}/room`, '/join/:token/room', JoinRoomRoute)
    await screen.findByLabelText('Webinar broadcast')
    const call = createdClients[0]!.calls[0]!
    // The SDK reads the call (for its captions), but the viewer never joins it.
    await waitFor(() => expect(call.get).toHaveBeenCalled())
    expect(call.join).not.toHaveBeenCalled()
    expect(screen.queryByTestId('speaker-layout')).toBeNull()
  })

  it('in HLS mode asks for the broadcast’s address again when the webinar goes live without one', async () => {
    joinView = { ...baseJoinView, viewing: { mode: 'hls', hlsPlaylistUrl: null, isCaptioning: false } }
    renderRoute(`/join/${joinToken}/room`, '/join/:token/room', JoinRoomRoute)
    await screen.findByText('The host will start soon')
    await waitFor(() => expect(lastEventSource().url).toContain('ticket=room-ticket-1'))
    const before = callsTo(`/api/join/${joinToken}`).length

    webinarStatus = 'live'
    joinView = { ...baseJoinView, viewing: { mode: 'hls', hlsPlaylistUrl: 'https://hls.example/live.m3u8', isCaptioning: false } }
    act(() => lastEventSource().emit('webinar.status', { status: 'live' }, 8))
    await screen.findByLabelText('Webinar broadcast')
    expect(callsTo(`/api/join/${joinToken}`).length).toBeGreaterThan(before)
    expect(createdClients[0]!.calls[0]!.join).not.toHaveBeenCalled()
  })
})

describe('the stage', () => {
  it('shows the hands up in the studio; accepting asks our API, and a refusal says why in the moderator’s words', async () => {
    webinarStatus = 'live'
    setFakeCallState({ isLive: true })
    stageState = {
      handRaising: true,
      speakers: [
        { id: '6b7c8d9e-0f1a-4b2c-9d3e-4f5a6b7c8d9e', kind: 'panelist', name: 'Grace Guest', email: 'grace@example.com', userId: null, streamUserId: 'speaker_grace', createdAt: new Date().toISOString() },
      ],
      requests: [handRequest, { ...handRequest, id: '9e0f1a2b-3c4d-4e5f-8a6b-7c8d9e0f1a2b', name: 'Bob Bystander', streamUserId: 'reg_bob' }],
    }
    renderRoute(`/studio/${webinarId}`, '/studio/:webinarId', StudioRoute)
    const stage = await screen.findByRole('region', { name: 'Stage' })
    const hands = await within(stage).findByRole('list', { name: 'Hands up' })
    expect(within(hands).getAllByRole('listitem').map((item) => item.textContent)).toEqual([expect.stringContaining('Ada Attendee'), expect.stringContaining('Bob Bystander')])
    // The panelist is not in the call yet; the host is (the SDK's participants).
    const speakers = within(stage).getByRole('list', { name: 'Speakers' })
    expect(within(speakers).getByText('Grace Guest').closest('li')!.textContent).toContain('Not here yet')
    expect(within(speakers).getByText('Olive Owner').closest('li')!.textContent).toContain('On stage')

    act(() => within(hands).getByRole('button', { name: 'Bring Ada Attendee on stage' }).click())
    await waitFor(() => expect(callsTo(`/api/webinars/${webinarId}/stage/requests/${handRequest.id}/accept`, 'POST')).toHaveLength(1))

    nextDecision = { status: 409, message: 'Bob Bystander lowered their hand.' }
    act(() => within(hands).getByRole('button', { name: 'Bring Bob Bystander on stage' }).click())
    expect(await screen.findByText('Bob Bystander lowered their hand.')).toBeTruthy()

    // The room says the stage changed: the studio reads it again.
    const before = callsTo(`/api/webinars/${webinarId}/stage`).length
    stageState = { ...stageState, requests: [{ ...handRequest, status: 'accepted' }] }
    act(() => lastEventSource().emit('stage.changed', {}, 8))
    await waitFor(() => expect(callsTo(`/api/webinars/${webinarId}/stage`).length).toBeGreaterThan(before))
    expect(await within(stage).findByRole('button', { name: 'Take off stage' })).toBeTruthy()
    expect(within(stage).queryByRole('list', { name: 'Hands up' })).toBeNull()
  })

  it('raises a hand through Stream’s SDK, passes the device check once accepted, publishes, and stops when taken off', async () => {
    webinarStatus = 'live'
    setFakeCallState({ isLive: true })
    renderRoute(`/join/${joinToken}/room`, '/join/:token/room', JoinRoomRoute)
    await screen.findByTestId('speaker-layout')
    const call = createdClients[0]!.calls[0]!

    act(() => screen.getByRole('button', { name: 'Raise hand' }).click())
    await waitFor(() => expect(call.requestPermissions).toHaveBeenCalledWith({ permissions: ['send-audio', 'send-video'] }))
    // Up at once, before Stream's webhook has reached the host's queue.
    expect(await screen.findByText('Hand raised, waiting for the host')).toBeTruthy()

    myStage = { handRaising: true, request: { ...handRequest, status: 'accepted', decidedAt: new Date().toISOString(), decidedByName: 'Olive Owner' } }
    act(() => lastEventSource().emit('stage.changed', {}, 8))
    const check = await screen.findByRole('dialog', { name: 'You’re invited on stage' })
    expect(call.camera.enable).not.toHaveBeenCalled()
    act(() => within(check).getByRole('button', { name: 'Join the stage' }).click())
    expect(await screen.findByText('You’re on stage')).toBeTruthy()
    await waitFor(() => expect(call.camera.enable).toHaveBeenCalledTimes(1))
    expect(call.microphone.enable).toHaveBeenCalledTimes(1)

    myStage = { handRaising: true, request: { ...handRequest, status: 'ended', decidedAt: new Date(Date.now() + 1000).toISOString(), decidedByName: 'Olive Owner' } }
    act(() => lastEventSource().emit('stage.changed', {}, 9))
    expect(await screen.findByText('The host took you off the stage.')).toBeTruthy()
    await waitFor(() => expect(call.camera.disable).toHaveBeenCalled())
    expect(call.microphone.disable).toHaveBeenCalled()
    expect(screen.getByRole('button', { name: 'Raise hand' })).toBeTruthy()
  })

  it('offers no hand while the webinar does not take them', async () => {
    webinarStatus = 'live'
    setFakeCallState({ isLive: true })
    myStage = { handRaising: false, request: null }
    renderRoute(`/join/${joinToken}/room`, '/join/:token/room', JoinRoomRoute)
    await screen.findByTestId('speaker-layout')
    await waitFor(() => expect(callsTo(`/api/join/${joinToken}/stage`).length).toBeGreaterThan(0))
    expect(screen.queryByRole('button', { name: 'Raise hand' })).toBeNull()
  })
})
