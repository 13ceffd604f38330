import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react'
import type { ChatMessage, Poll, Question, RoomState } from '@webinar/shared/room'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { errorResponse, fakeApiForEachTest, jsonResponse, renderInApp } from '@/test/app-test-kit'
import { useRoomState } from '../api/get-room-state'
import { joinTokenHeader, type RoomAuth } from '../utils/room-auth'
import { ChatPanel } from './chat-panel'
import { PollsPanel } from './polls-panel'
import { QuestionsPanel } from './questions-panel'

// The panels as the room shows them: fed from the cached room state, which their own actions update.

const webinarId = '0b7c3a52-5d0e-4c1e-9a57-3f3f1c2d4e5f'
const attendee: RoomAuth = { kind: 'attendee', joinToken: 'A'.repeat(43) }
const host: RoomAuth = { kind: 'host' }
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`

const chatMessage = (n: number, changes: Partial<ChatMessage> = {}): ChatMessage => ({
  id: id(n),
  authorName: 'Ada Attendee',
  isFromHost: false,
  authorRegistrationId: id(500),
  body: `Message ${n}`,
  createdAt: '2031-03-04T17:05:00.000Z',
  ...changes,
})
const question = (n: number, changes: Partial<Question> = {}): Question => ({
  id: id(100 + n),
  authorName: 'Ada Attendee',
  body: `Question ${n}?`,
  answer: null,
  isAnswered: false,
  isPinned: false,
  isHidden: false,
  upvotes: 0,
  hasMyVote: false,
  createdAt: `2031-03-04T17:0${n}:00.000Z`,
  ...changes,
})
const poll = (n: number, changes: Partial<Poll> = {}): Poll => ({
  id: id(200 + n),
  question: `Poll ${n}?`,
  options: ['Design', 'Engineering', 'Product'],
  status: 'open',
  areResultsShared: false,
  results: null,
  myVote: null,
  ...changes,
})

let state: RoomState
const api = fakeApiForEachTest()

beforeEach(() => {
  // jsdom lays nothing out; the chat scrolls its newest line into view.
  Element.prototype.scrollIntoView = vi.fn()
  state = {
    webinarStatus: 'live',
    settings: { chat: true, qna: true, chatSlowModeSeconds: 0 },
    isModerator: false,
    isMutedInChat: false,
    chatMutes: [],
    isCaptioning: false,
    chat: [],
    questions: [],
    polls: [],
    lastEventId: 1,
  }
  // The host side (no join token) moderates, as the server says.
  api.on('GET', '/api/rooms/:webinarId/state', (request) => jsonResponse({ ...state, isModerator: !request.headers.get(joinTokenHeader) }))
})

function Room({ auth, panel }: { auth: RoomAuth; panel: 'chat' | 'questions' | 'polls' }) {
  const room = useRoomState(webinarId, auth)
  if (!room.data) return <p>Loading the room…</p>
  if (panel === 'chat') return <ChatPanel webinarId={webinarId} auth={auth} state={room.data} />
  if (panel === 'questions') return <QuestionsPanel webinarId={webinarId} auth={auth} questions={room.data.questions} isEnabled={room.data.settings.qna} />
  return <PollsPanel webinarId={webinarId} auth={auth} polls={room.data.polls} />
}

async function openRoom(auth: RoomAuth, panel: 'chat' | 'questions' | 'polls') {
  renderInApp(<Room auth={auth} panel={panel} />)
  await waitFor(() => expect(screen.queryByText('Loading the room…')).toBeNull())
}

describe('the chat panel', () => {
  it('says the chat is empty, or off', async () => {
    await openRoom(attendee, 'chat')
    expect(screen.getByText('No messages yet')).toBeTruthy()
    expect(screen.getByText('Say hello: everyone in the room sees the chat.')).toBeTruthy()
    cleanup()

    state.settings.chat = false
    await openRoom(attendee, 'chat')
    expect(screen.getByText('Chat is turned off for this webinar.')).toBeTruthy()
    expect(screen.queryByLabelText('Message')).toBeNull()
  })

  it('lets an attendee send a message as themselves, and shows it', async () => {
    state.chat = [chatMessage(1, { authorName: 'Olive Owner', isFromHost: true, authorRegistrationId: null, body: 'Welcome, everyone' })]
    api.on('POST', '/api/rooms/:webinarId/chat', jsonResponse(chatMessage(2, { body: 'Hello from Lisbon' }), 201))
    await openRoom(attendee, 'chat')
    const list = screen.getByRole('list', { name: 'Chat messages' })
    expect(within(list).getByText('Welcome, everyone')).toBeTruthy()
    expect(within(list).getByText('Host')).toBeTruthy()
    // Attendees moderate nothing.
    expect(screen.queryByRole('button', { name: /^Moderate the message/ })).toBeNull()
    expect(screen.queryByLabelText('Slow mode')).toBeNull()

    const send = screen.getByRole('button', { name: 'Send message' }) as HTMLButtonElement
    expect(send.disabled).toBe(true)
    fireEvent.change(screen.getByLabelText('Message'), { target: { value: '  Hello from Lisbon ' } })
    fireEvent.click(send)

    expect(await within(list).findByText('Hello from Lisbon')).toBeTruthy()
    // The newest line is scrolled into view.
    expect(Element.prototype.scrollIntoView).toHaveBeenCalled()
    const [request] = api.sentTo('POST', '/api/rooms/:webinarId/chat')
    expect(request?.body).toEqual({ body: 'Hello from Lisbon' })
    expect(request?.headers.get(joinTokenHeader)).toBe(attendee.kind === 'attendee' ? attendee.joinToken : null)
    await waitFor(() => expect((screen.getByLabelText('Message') as HTMLInputElement).value).toBe(''))
  })

  it('gives moderators a menu on each message: delete for everyone, mute, remove from the webinar', async () => {
    state.chat = [
      chatMessage(1, { body: 'Buy cheap watches' }),
      chatMessage(2, { authorName: 'Grace Hopper', authorRegistrationId: id(501), body: 'Great talk' }),
      chatMessage(3, { authorName: 'Olive Owner', isFromHost: true, authorRegistrationId: null, body: 'Welcome' }),
    ]
    api.on('POST', '/api/rooms/:webinarId/chat/:itemId/hide', new Response(null, { status: 204 }))
    api.on('PUT', '/api/rooms/:webinarId/chat/mutes/:registrationId', new Response(null, { status: 204 }))
    api.on('POST', '/api/rooms/:webinarId/attendees/:registrationId/remove', new Response(null, { status: 204 }))
    await openRoom(host, 'chat')
    const openMenu = async (author: string) => {
      fireEvent.keyDown(screen.getByRole('button', { name: `Moderate the message from ${author}` }), { key: 'Enter' })
      return screen.findByRole('menu')
    }

    fireEvent.click(within(await openMenu('Ada Attendee')).getByRole('menuitem', { name: 'Delete for everyone' }))
    await waitFor(() => expect(screen.queryByText('Buy cheap watches')).toBeNull())
    expect(api.sentTo('POST', '/api/rooms/:webinarId/chat/:itemId/hide')[0]?.path).toBe(`/api/rooms/${webinarId}/chat/${id(1)}/hide`)

    fireEvent.click(within(await openMenu('Grace Hopper')).getByRole('menuitem', { name: 'Mute in chat' }))
    // Muted: said at their messages, listed above the chat, and the menu offers to unmute.
    expect(await screen.findByText('Muted', { selector: 'li span' })).toBeTruthy()
    expect(api.sentTo('PUT', '/api/rooms/:webinarId/chat/mutes/:registrationId')[0]?.path).toBe(`/api/rooms/${webinarId}/chat/mutes/${id(501)}`)
    expect(screen.getByRole('button', { name: /^Muted 1/ })).toBeTruthy()
    expect(within(await openMenu('Grace Hopper')).getByRole('menuitem', { name: 'Unmute in chat' })).toBeTruthy()
    fireEvent.keyDown(screen.getByRole('menu'), { key: 'Escape' })

    // The host side's own messages can be deleted, nobody muted or removed for them.
    const ownMenu = await openMenu('Olive Owner')
    expect(within(ownMenu).getAllByRole('menuitem').map((item) => item.textContent)).toEqual(['Delete for everyone'])
    fireEvent.keyDown(ownMenu, { key: 'Escape' })

    // Removing asks first, saying what it does.
    fireEvent.click(within(await openMenu('Grace Hopper')).getByRole('menuitem', { name: 'Remove from webinar…' }))
    const dialog = await screen.findByRole('alertdialog', { name: 'Remove Grace Hopper from the webinar?' })
    expect(dialog.textContent).toMatch(/their personal link stops working and their seat is freed/)
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove from webinar' }))
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull())
    expect(api.sentTo('POST', '/api/rooms/:webinarId/attendees/:registrationId/remove')[0]?.path).toBe(`/api/rooms/${webinarId}/attendees/${id(501)}/remove`)
  })

  it('lets moderators change slow mode from the chat', async () => {
    api.on('PUT', '/api/rooms/:webinarId/chat/slow-mode', (request) => jsonResponse(request.body))
    await openRoom(host, 'chat')
    const slowMode = screen.getByLabelText('Slow mode') as HTMLSelectElement
    expect(slowMode.value).toBe('0')
    fireEvent.change(slowMode, { target: { value: '30' } })
    expect(await screen.findByText(/Slow mode: one message every 30 s for attendees \(not for you\)\./)).toBeTruthy()
    expect(api.sentTo('PUT', '/api/rooms/:webinarId/chat/slow-mode')[0]?.body).toEqual({ seconds: 30 })
  })

  it('tells attendees about slow mode, counts down after their message, and shows the server’s refusal', async () => {
    state.settings.chatSlowModeSeconds = 10
    api.on('POST', '/api/rooms/:webinarId/chat', jsonResponse(chatMessage(2, { body: 'First' }), 201))
    await openRoom(attendee, 'chat')
    expect(screen.getByText(/Slow mode: one message every 10 s\./)).toBeTruthy()
    fireEvent.change(screen.getByLabelText('Message'), { target: { value: 'First' } })
    fireEvent.click(screen.getByRole('button', { name: 'Send message' }))
    expect(await screen.findByText(/You can write again in \d+ s\./)).toBeTruthy()
    fireEvent.change(screen.getByLabelText('Message'), { target: { value: 'Second' } })
    expect((screen.getByRole('button', { name: 'Send message' }) as HTMLButtonElement).disabled).toBe(true)
    cleanup()

    // Another tab, or a reload: the server decides, and says how long to wait.
    api.on('POST', '/api/rooms/:webinarId/chat', errorResponse(429, 'slow_mode', 'Slow mode is on: one message every 10 s. Wait 7 more seconds before sending another.'))
    await openRoom(attendee, 'chat')
    fireEvent.change(screen.getByLabelText('Message'), { target: { value: 'Again' } })
    fireEvent.click(screen.getByRole('button', { name: 'Send message' }))
    expect((await screen.findByRole('alert')).textContent).toBe('Slow mode is on: one message every 10 s. Wait 7 more seconds before sending another.')
  })

  it('tells a muted attendee so instead of letting them type', async () => {
    state.isMutedInChat = true
    state.chat = [chatMessage(1)]
    await openRoom(attendee, 'chat')
    expect(screen.getByText('A moderator muted you in this chat.')).toBeTruthy()
    expect(screen.queryByLabelText('Message')).toBeNull()
    expect(screen.getByText('Message 1')).toBeTruthy()
  })
})

describe('the questions panel', () => {
  it('shows attendees the questions pinned first, then the most upvoted, and lets them upvote once', async () => {
    state.questions = [question(1, { upvotes: 1 }), question(2, { upvotes: 3 }), question(3, { isPinned: true })]
    api.on('POST', '/api/rooms/:webinarId/questions/:itemId/upvote', jsonResponse(question(1, { upvotes: 2, hasMyVote: true })))
    await openRoom(attendee, 'questions')
    const items = within(screen.getByRole('list', { name: 'Questions' })).getAllByRole('listitem')
    expect(items.map((item) => within(item).getByText(/^Question \d\?$/).textContent)).toEqual(['Question 3?', 'Question 2?', 'Question 1?'])
    // The host's controls are not theirs.
    expect(screen.queryByRole('button', { name: /^(Answer|Pin|Hide)$/ })).toBeNull()

    fireEvent.click(screen.getByRole('button', { name: 'Upvote this question (1)' }))
    const voted = (await screen.findByRole('button', { name: 'You upvoted this question (2)' })) as HTMLButtonElement
    expect(voted.disabled).toBe(true)
    expect(voted.getAttribute('aria-pressed')).toBe('true')
    const [request] = api.sentTo('POST', '/api/rooms/:webinarId/questions/:itemId/upvote')
    expect(request?.path).toBe(`/api/rooms/${webinarId}/questions/${id(101)}/upvote`)
    expect(request?.headers.get(joinTokenHeader)).toBe('A'.repeat(43))
  })

  it('lets an attendee ask, and shows the question', async () => {
    api.on('POST', '/api/rooms/:webinarId/questions', jsonResponse(question(4, { body: 'Will there be a recording?' }), 201))
    await openRoom(attendee, 'questions')
    expect(screen.getByText('Ask the first one: others can upvote it.')).toBeTruthy()
    fireEvent.change(screen.getByLabelText('Ask the host a question'), { target: { value: ' Will there be a recording? ' } })
    fireEvent.click(screen.getByRole('button', { name: 'Ask question' }))

    expect(await screen.findByText('Will there be a recording?')).toBeTruthy()
    expect(api.sentTo('POST', '/api/rooms/:webinarId/questions')[0]?.body).toEqual({ body: 'Will there be a recording?' })
  })

  it('gives the host answer, pin and hide, and no upvoting or asking', async () => {
    state.questions = [question(1, { upvotes: 2 })]
    api.on('POST', '/api/rooms/:webinarId/questions/:itemId/answer', jsonResponse(question(1, { upvotes: 2, answer: 'Yes, tomorrow.', isAnswered: true })))
    api.on('PATCH', '/api/rooms/:webinarId/questions/:itemId', (request) => jsonResponse(question(1, { upvotes: 2, ...(request.body as object) })))
    await openRoom(host, 'questions')
    expect(screen.queryByLabelText('Ask the host a question')).toBeNull()
    expect(screen.queryByRole('button', { name: /Upvote/ })).toBeNull()
    expect(screen.getByLabelText('2 upvotes')).toBeTruthy()

    fireEvent.click(screen.getByRole('button', { name: 'Pin' }))
    expect(await screen.findByRole('button', { name: 'Unpin' })).toBeTruthy()
    expect(api.sentTo('PATCH', '/api/rooms/:webinarId/questions/:itemId')[0]?.body).toEqual({ isPinned: true })

    fireEvent.click(screen.getByRole('button', { name: 'Answer' }))
    fireEvent.change(screen.getByLabelText('Answer'), { target: { value: ' Yes, tomorrow. ' } })
    fireEvent.click(screen.getByRole('button', { name: 'Post answer' }))
    // The answer shows under the question, which the host no longer needs to keep pinned.
    expect(await screen.findByText('Answered')).toBeTruthy()
    expect(screen.getByText('Yes, tomorrow.')).toBeTruthy()
    expect(api.sentTo('POST', '/api/rooms/:webinarId/questions/:itemId/answer')[0]?.body).toEqual({ answer: 'Yes, tomorrow.' })
  })
})

describe('the polls panel', () => {
  it('lets an attendee vote once in an open poll', async () => {
    state.polls = [poll(1)]
    api.on('POST', '/api/rooms/:webinarId/polls/:itemId/vote', jsonResponse(poll(1, { myVote: 1 })))
    await openRoom(attendee, 'polls')
    expect(screen.queryByRole('button', { name: 'New poll' })).toBeNull()
    const vote = screen.getByRole('button', { name: 'Vote' }) as HTMLButtonElement
    expect(vote.disabled).toBe(true)
    fireEvent.click(screen.getByLabelText('Engineering'))
    fireEvent.click(vote)

    expect(await screen.findByText(/Thanks for voting: you chose “Engineering”\./)).toBeTruthy()
    const [request] = api.sentTo('POST', '/api/rooms/:webinarId/polls/:itemId/vote')
    expect(request?.body).toEqual({ optionIndex: 1 })
    expect(request?.headers.get(joinTokenHeader)).toBe('A'.repeat(43))
  })

  it('shows attendees shared results, with their own vote marked', async () => {
    state.polls = [poll(1, { status: 'closed', areResultsShared: true, results: [1, 3, 0], myVote: 1 })]
    await openRoom(attendee, 'polls')
    const results = screen.getByRole('list', { name: 'Results of “Poll 1?”' })
    expect(within(results).getAllByRole('listitem').map((item) => item.textContent)).toEqual(['Design25% · 1', 'Engineering75% · 3', 'Product0% · 0'])
    expect(within(results).getByLabelText('Your vote')).toBeTruthy()
    expect(screen.getByText('4 votes')).toBeTruthy()
  })

  it('lets the host prepare a poll, open it and share its results', async () => {
    state.polls = [poll(1, { status: 'draft' })]
    api.on('PATCH', '/api/rooms/:webinarId/polls/:itemId', (request) => jsonResponse(poll(1, { status: 'draft', results: [0, 0, 0], ...(request.body as object) })))
    api.on('POST', '/api/rooms/:webinarId/polls', (request) => jsonResponse(poll(2, { status: 'draft', ...(request.body as object) }), 201))
    await openRoom(host, 'polls')

    fireEvent.click(screen.getByRole('button', { name: 'Open poll' }))
    expect(await screen.findByRole('button', { name: 'Close poll' })).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Share results' }))
    expect(await screen.findByText('Attendees see these results.')).toBeTruthy()
    expect(api.sentTo('PATCH', '/api/rooms/:webinarId/polls/:itemId').map((request) => request.body)).toEqual([{ status: 'open' }, { areResultsShared: true }])

    fireEvent.click(screen.getByRole('button', { name: 'New poll' }))
    fireEvent.change(screen.getByLabelText('Poll question'), { target: { value: ' Which topic next? ' } })
    fireEvent.change(screen.getByLabelText('Option 1'), { target: { value: 'Pricing' } })
    fireEvent.change(screen.getByLabelText('Option 2'), { target: { value: 'Pricing' } })
    expect(screen.getByText('Two options say the same thing: make each one different.')).toBeTruthy()
    expect((screen.getByRole('button', { name: 'Save as draft' }) as HTMLButtonElement).disabled).toBe(true)
    fireEvent.change(screen.getByLabelText('Option 2'), { target: { value: ' Roadmap ' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save as draft' }))

    expect(await screen.findByText('Which topic next?')).toBeTruthy()
    expect(api.sentTo('POST', '/api/rooms/:webinarId/polls')[0]?.body).toEqual({ question: 'Which topic next?', options: ['Pricing', 'Roadmap'] })
  })
})
