import { randomUUID } from 'node:crypto'
import type { ServerResponse } from 'node:http'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorResponse } from '@webinar/shared/errors'
import {
  AnswerBody,
  ChatMessage,
  ChatSlowMode,
  CreatePollBody,
  ModerateQuestionBody,
  Poll,
  PostMessageBody,
  Question,
  RoomEventsQuery,
  RoomItemParams,
  RoomRegistrationParams,
  RoomState,
  RoomWebinarParams,
  UpdatePollBody,
  VoteBody,
} from '@webinar/shared/room'
import type { FastifyReply, FastifyRequest } from 'fastify'
import Type from 'typebox'
import { roomHeartbeatIntervalMs, type RoomPresence } from '../attendance/attendance-service.ts'
import { AppError, forbidden } from '../errors.ts'
import type { JoinService } from '../join/join-service.ts'
import { currentStaff } from '../users/staff.ts'
import type { WebinarService } from '../webinars/webinar-service.ts'
import { createAttendeeAdmissions } from './attendee-admissions.ts'
import { isInAudience, type RoomEvent, type RoomHub } from './room-hub.ts'
import { isModerator, type RoomActor, type RoomService } from './room-service.ts'

interface RoomRoutesOptions {
  room: RoomService
  hub: RoomHub
  webinars: WebinarService
  join: JoinService
  /** Attendees' open event streams are their presence in the room (attendance: HLS viewers never join the call). */
  presence?: RoomPresence
}

export const joinTokenHeader = 'x-join-token'
const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 429: ErrorResponse }
const tags = ['room']
const keepAliveMs = 15_000
// How often open event streams check that their credentials still hold: a host's session (or API key) signed out,
// changed or removed, an attendee's registration no longer approved or their link retired end the stream within
// this, on whichever instance holds it.
const credentialCheckMs = 5_000
const maxStreamsPerAttendee = 5

/**
 * The room's real-time side: chat, Q&A and polls, stored in PostgreSQL and streamed with Server-Sent Events.
 * Attendees authenticate with their join token in the `x-join-token` header, or, for the event stream (an
 * EventSource cannot send headers), with a short-lived room ticket in `?ticket=`: the join token never travels in
 * a URL. Hosts use their session or API key.
 */
export const roomRoutes: FastifyPluginAsyncTypebox<RoomRoutesOptions> = async (app, { room, hub, webinars, join, presence }) => {
  async function resolveActor(request: FastifyRequest<{ Params: { webinarId: string } }>): Promise<RoomActor> {
    const { webinarId } = request.params
    // A ticket opens the event stream only (it outlives a removal by minutes; the stream checks it goes on holding).
    const ticket = request.routeOptions.url?.endsWith('/events') ? (request.query as { ticket?: string } | undefined)?.ticket : undefined
    if (ticket !== undefined) return join.findRoomAttendeeByTicket(ticket, webinarId)
    const token = request.headers[joinTokenHeader]
    if (typeof token === 'string') {
      const attendee = await join.findRoomAttendee(token)
      if (attendee.webinarId !== webinarId) throw forbidden('This link is for another webinar’s room.')
      return attendee
    }
    await app.authenticate(request)
    const staff = currentStaff(request)
    await webinars.authorize(staff, webinarId, 'run') // the webinar's host, a co-host or an admin (its moderators), else 403
    return { kind: 'staff', id: staff.user.id, name: staff.user.name, webinarId }
  }

  const actors = new WeakMap<FastifyRequest, RoomActor>()
  app.addHook('preHandler', async (request) => {
    actors.set(request, await resolveActor(request as FastifyRequest<{ Params: { webinarId: string } }>))
  })
  const actorOf = (request: FastifyRequest) => actors.get(request)!

  // Attendees: about 3 messages per 5 seconds each; hosts are not limited.
  const messageLimit = {
    rateLimit: {
      max: (request: FastifyRequest) => (actors.get(request)?.kind === 'registrant' ? 3 : 1000),
      timeWindow: 5000,
      hook: 'preHandler' as const,
      keyGenerator: (request: FastifyRequest) => `room:${actors.get(request)?.id ?? request.ip}`,
      errorResponseBuilder: () => new AppError('rate_limited', 'You are sending messages too fast: wait a few seconds.'),
    },
  }

  app.get('/:webinarId/state', { schema: { tags, summary: 'The room now', params: RoomWebinarParams, response: { 200: RoomState, ...errors } } }, async (request) =>
    room.state(actorOf(request)),
  )

  app.get(
    '/:webinarId/events',
    {
      config: { rateLimit: false },
      schema: {
        tags,
        summary: 'Server-Sent Events of the room (resumes after Last-Event-ID)',
        params: RoomWebinarParams,
        querystring: RoomEventsQuery,
        response: { 200: Type.String({ description: 'text/event-stream' }), ...errors },
      },
    },
    async (request, reply) => streamEvents(request, reply, actorOf(request)),
  )

  // An event reaches every stream of the room on this instance (thousands in a large webinar): it is put in SSE
  // form once, by the first stream that sends it, not once per stream.
  const frames = new WeakMap<RoomEvent, string>()
  function frameOf(event: RoomEvent): string {
    let frame = frames.get(event)
    if (frame === undefined) {
      frame = `id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event.payload)}\n\n`
      frames.set(event, frame)
    }
    return frame
  }

  // Event streams never end by themselves: closing the server ends them (clients reconnect elsewhere), or
  // close() would wait on them.
  const openStreams = new Set<ServerResponse>()
  app.addHook('preClose', async () => {
    for (const response of openStreams) response.end()
  })
  // One attendee watches from a few tabs and devices, not hundreds: a leaked link or ticket cannot hold this
  // instance's connections. Counted per instance (each holds its own connections).
  const streamsPerAttendee = new Map<string, number>()

  /**
   * Attendees' open streams, checked every few seconds (attendee-admissions.ts). A removal also ends them at once
   * (event `attendee.removed`).
   */
  const admissions = createAttendeeAdmissions({ findAdmissions: (registrationIds) => room.findAdmissions(registrationIds), logger: app.log })
  const admissionCheck = setInterval(() => void admissions.check(), credentialCheckMs)
  admissionCheck.unref()
  app.addHook('onClose', async () => clearInterval(admissionCheck))

  /**
   * An attendee's connection as a room presence: opened now, a heartbeat every 30 s while it lasts, closed when it
   * ends. Attendance is bookkeeping: a failure there is logged and never ends the stream. Each step waits for the one
   * before, so a close never overtakes its open.
   */
  function trackPresence(tracker: RoomPresence, connection: Parameters<RoomPresence['openRoomPresence']>[0]) {
    let steps = Promise.resolve()
    const then = (step: () => Promise<void>) => {
      steps = steps.then(step).catch((error: unknown) => app.log.warn({ err: error }, 'room presence could not be recorded'))
    }
    then(() => tracker.openRoomPresence(connection))
    const heartbeat = setInterval(() => then(() => tracker.recordRoomHeartbeat(connection)), roomHeartbeatIntervalMs)
    return {
      close() {
        clearInterval(heartbeat)
        then(() => tracker.closeRoomPresence(connection))
      },
    }
  }

  async function streamEvents(request: FastifyRequest, reply: FastifyReply, actor: RoomActor) {
    const staff = actor.kind === 'staff' ? request.staff : null
    const countKey = actor.kind === 'registrant' ? actor.id : null
    // A ticket is checked by its signature alone: the registration behind it must still be in the room.
    const admission = actor.kind === 'registrant' ? (await room.findAdmissions([actor.id])).get(actor.id) : undefined
    if (actor.kind === 'registrant' && !admission?.isApproved) throw forbidden('This registration can no longer take part in the room.')
    const audience = { isModerator: isModerator(actor), registrationId: actor.kind === 'registrant' ? actor.id : null }
    if (countKey !== null) {
      const open = streamsPerAttendee.get(countKey) ?? 0
      if (open >= maxStreamsPerAttendee) {
        throw new AppError('rate_limited', `This link already has ${maxStreamsPerAttendee} room windows open: close one and try again.`)
      }
      streamsPerAttendee.set(countKey, open + 1)
    }
    const releaseCount = () => {
      if (countKey === null) return
      const open = (streamsPerAttendee.get(countKey) ?? 1) - 1
      if (open > 0) streamsPerAttendee.set(countKey, open)
      else streamsPerAttendee.delete(countKey)
    }
    const headerId = Number(request.headers['last-event-id'])
    const queryId = (request.query as { lastEventId?: number }).lastEventId
    // An id past what an event id can be is ignored like a malformed one (it would fail the query after the 200).
    const resumeFrom = Number.isSafeInteger(headerId) && headerId > 0 ? headerId : (queryId ?? (await hub.latestId(actor.webinarId)))
    reply.hijack()
    const response = reply.raw
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    })
    response.write('retry: 2000\n\n')
    openStreams.add(response)
    const unwatch = admission
      ? admissions.watch({ registrationId: admission.registrationId, joinTokenVersion: admission.joinTokenVersion, end: () => response.end() })
      : undefined
    let lastSent = resumeFrom
    const send = (event: RoomEvent) => {
      if (event.id <= lastSent || response.writableEnded) return
      lastSent = event.id
      // Live and replayed alike: what is for the moderators (or another attendee) never reaches this stream.
      if (!isInAudience(event.audience, audience)) return
      response.write(frameOf(event))
      // Told why, the removed attendee's stream ends, on whichever instance holds it.
      if (event.type === 'attendee.removed' && (event.payload as { registrationId?: string }).registrationId === audience.registrationId) response.end()
    }
    // Subscribe first, then replay history: an event arriving in between is sent once (ids only grow).
    const pending: RoomEvent[] = []
    let isReplaying = true
    const unsubscribe = hub.subscribe(actor.webinarId, (event) => (isReplaying ? pending.push(event) : send(event)))
    const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), keepAliveMs)
    const attendance = actor.kind === 'registrant' && presence ? trackPresence(presence, { webinarId: actor.webinarId, registrationId: actor.id, connectionId: randomUUID() }) : undefined
    const credentialCheck = staff
      ? setInterval(() => {
          // A database blip is not a signed-out host: only a definite "no" ends the stream.
          staff.isStillValid().then(
            (isValid) => {
              if (!isValid) response.end()
            },
            () => {},
          )
        }, credentialCheckMs)
      : undefined
    // Before the replay's await: a client gone meanwhile must not leave its subscription behind.
    // The client leaving and the server ending the stream (signed out, shutting down) both end here, once.
    let isClosed = false
    const close = () => {
      if (isClosed) return
      isClosed = true
      releaseCount()
      openStreams.delete(response)
      unwatch?.()
      clearInterval(keepAlive)
      clearInterval(credentialCheck)
      attendance?.close()
      unsubscribe()
    }
    request.raw.on('close', close)
    response.on('close', close)
    for (const event of await hub.since(actor.webinarId, resumeFrom)) send(event)
    isReplaying = false
    for (const event of pending.sort((a, b) => a.id - b.id)) send(event)
  }

  app.post(
    '/:webinarId/chat',
    { config: messageLimit, schema: { tags, summary: 'Send a chat message', params: RoomWebinarParams, body: PostMessageBody, response: { 201: ChatMessage, ...errors } } },
    async (request, reply) => reply.status(201).send(await room.postMessage(actorOf(request), request.body.body)),
  )

  app.post(
    '/:webinarId/chat/:itemId/hide',
    {
      schema: {
        tags,
        summary: 'Delete a chat message for everyone (moderators)',
        description: 'It leaves every chat at once (event `chat.hidden`); the moderation log keeps its author and an excerpt.',
        params: RoomItemParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await room.hideMessage(actorOf(request), request.params.itemId)
      return reply.status(204).send(null)
    },
  )

  app.put(
    '/:webinarId/chat/slow-mode',
    {
      schema: {
        tags,
        summary: 'Change slow mode live (moderators)',
        description: 'Sets the webinar’s `chatSlowModeSeconds`; every chat box hears of it (event `chat.slow_mode`).',
        params: RoomWebinarParams,
        body: ChatSlowMode,
        response: { 200: ChatSlowMode, ...errors },
      },
    },
    async (request) => room.setSlowMode(actorOf(request), request.body.seconds),
  )

  app.put(
    '/:webinarId/chat/mutes/:registrationId',
    {
      schema: {
        tags,
        summary: 'Mute an attendee in the chat (moderators)',
        description: 'They still read the chat; their messages are refused (403) until a moderator unmutes them.',
        params: RoomRegistrationParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await room.setChatMute(actorOf(request), request.params.registrationId, true)
      return reply.status(204).send(null)
    },
  )

  app.delete(
    '/:webinarId/chat/mutes/:registrationId',
    { schema: { tags, summary: 'Unmute an attendee in the chat (moderators)', params: RoomRegistrationParams, response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      await room.setChatMute(actorOf(request), request.params.registrationId, false)
      return reply.status(204).send(null)
    },
  )

  app.post(
    '/:webinarId/attendees/:registrationId/remove',
    {
      schema: {
        tags,
        summary: 'Remove an attendee from the webinar (moderators)',
        description:
          'Their registration is declined without a mail (the seat frees), Stream blocks them from the call, their personal link stops working and their open room windows close. 409 when the registration is not approved.',
        params: RoomRegistrationParams,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await room.removeAttendee(actorOf(request), request.params.registrationId)
      return reply.status(204).send(null)
    },
  )

  app.post(
    '/:webinarId/questions',
    { config: messageLimit, schema: { tags, summary: 'Ask a question', params: RoomWebinarParams, body: PostMessageBody, response: { 201: Question, ...errors } } },
    async (request, reply) => reply.status(201).send(await room.ask(actorOf(request), request.body.body)),
  )

  app.post(
    '/:webinarId/questions/:itemId/upvote',
    { schema: { tags, summary: 'Upvote a question (once)', params: RoomItemParams, response: { 200: Question, ...errors } } },
    async (request) => room.upvote(actorOf(request), request.params.itemId),
  )

  app.post(
    '/:webinarId/questions/:itemId/answer',
    { schema: { tags, summary: 'Answer a question (host)', params: RoomItemParams, body: AnswerBody, response: { 200: Question, ...errors } } },
    async (request) => room.moderateQuestion(actorOf(request), request.params.itemId, { answer: request.body.answer }),
  )

  app.patch(
    '/:webinarId/questions/:itemId',
    { schema: { tags, summary: 'Hide or pin a question (host)', params: RoomItemParams, body: ModerateQuestionBody, response: { 200: Question, ...errors } } },
    async (request) => room.moderateQuestion(actorOf(request), request.params.itemId, request.body),
  )

  app.post(
    '/:webinarId/polls',
    { schema: { tags, summary: 'Create a poll (host; starts as a draft)', params: RoomWebinarParams, body: CreatePollBody, response: { 201: Poll, ...errors } } },
    async (request, reply) => reply.status(201).send(await room.createPoll(actorOf(request), request.body.question, request.body.options)),
  )

  app.patch(
    '/:webinarId/polls/:itemId',
    { schema: { tags, summary: 'Open, close or share the results of a poll (host)', params: RoomItemParams, body: UpdatePollBody, response: { 200: Poll, ...errors } } },
    async (request) => room.updatePoll(actorOf(request), request.params.itemId, request.body),
  )

  app.post(
    '/:webinarId/polls/:itemId/vote',
    { schema: { tags, summary: 'Vote in an open poll (once)', params: RoomItemParams, body: VoteBody, response: { 200: Poll, ...errors } } },
    async (request) => room.vote(actorOf(request), request.params.itemId, request.body.optionIndex),
  )
}
