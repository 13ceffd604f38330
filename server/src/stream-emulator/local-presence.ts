import type { ServerResponse } from 'node:http'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { EmulatedVideo } from './emulated-video.ts'
import { StreamApiError, toStreamErrorBody } from './stream-errors.ts'
import { createUserTokenVerifier, tokenRoleIn } from './tokens.ts'

/** A webhook event as the emulated video emits it; presence only needs to know which call it is about. */
interface EmittedEvent {
  type: string
  call_cid?: unknown
}

/** Told of one change: `change` is the same object for every connection to the call, new for each change. */
type Listener = (change: object) => void

/**
 * Tells open presence connections that the people in their call, or what they may do there, changed. Fed with every
 * event the emulated video emits (the same ones that become webhooks), so what a connection reports never disagrees
 * with what Stream would report.
 */
export function createPresenceHub() {
  const listeners = new Map<string, Set<Listener>>()
  const changes = new Set([
    // Who is there.
    'call.session_participant_joined',
    'call.session_participant_left',
    'call.session_ended',
    'call.ended',
    'call.deleted',
    'call.blocked_user',
    'call.kicked_user',
    // What they may do: grants and revocations, membership (a member's role is their role), the call going live
    // and its settings.
    'call.permissions_updated',
    'call.member_added',
    'call.member_updated',
    'call.member_removed',
    'call.live_started',
    'call.updated',
  ])
  return {
    notify(event: EmittedEvent): void {
      if (!changes.has(event.type) || typeof event.call_cid !== 'string') return
      const change = {}
      for (const listener of [...(listeners.get(event.call_cid) ?? [])]) listener(change)
    },
    subscribe(cid: string, listener: Listener): () => void {
      const set = listeners.get(cid) ?? new Set()
      set.add(listener)
      listeners.set(cid, set)
      return () => {
        set.delete(listener)
        if (set.size === 0) listeners.delete(cid)
      }
    },
  }
}

export type PresenceHub = ReturnType<typeof createPresenceHub>

/** Who is in a call as a connection reports it: over (the call ended or is gone), else the `participants` event. */
interface Presence {
  isOver: boolean
  event: string
}

const keepAliveMs = 15_000
const maxNameLength = 100

function connectingName(header: string | string[] | undefined): string | undefined {
  if (typeof header !== 'string') return undefined
  try {
    const name = decodeURIComponent(header).trim()
    return name && name.length <= maxNameLength && name.isWellFormed() && !name.includes('\u0000') ? name : undefined
  } catch {
    return undefined
  }
}
// Not an API request: kept out of the request log and the host app's rate limit and OpenAPI document.
const presenceRouteOptions = { config: { rateLimit: false as const, kind: 'presence' }, schema: { hide: true } }

/**
 * Local mode's stand-in for Stream's SFU connection. The browser holds `GET /local/calls/:type/:id/presence`
 * open with its Stream user token in `Authorization` (never in the URL): opening it joins the call (with every
 * join rule Stream applies: grants, backstage, blocked users, ended calls, the participant limit), closing it
 * (leaving the page, closing the tab) leaves it, and each becomes the `call.session_participant_joined` / `_left`
 * webhook that Stream would send. While open, the stream carries who is in the call (`participants` events: the
 * counts, and each connection with its user's name, role and capabilities now), again whenever that or what they
 * may do changes; it closes with `ended` when the call ends or is deleted, and with `removed` (`{ reason: 'kicked' |
 * 'blocked' }`) when its user is kicked or blocked, as Stream's SFU drops them.
 */
export function registerLocalPresenceRoutes(
  app: FastifyInstance,
  { video, presence, apiSecret, now }: { video: EmulatedVideo; presence: PresenceHub; apiSecret: string; now: () => Date },
): void {
  const verifyUserToken = createUserTokenVerifier(apiSecret, now)
  // Connections stay open until the browser leaves: closing the server ends them, or close() would wait on them.
  const openConnections = new Set<ServerResponse>()
  // Every connection to a call is told of the same change and sends the same list: it is worked out once per change,
  // not once per connection (a call of a few hundred people would otherwise cost the square of that on each join).
  const presenceByChange = new WeakMap<object, Presence>()
  const presenceAfter = (type: string, id: string, change: object | undefined): Presence => {
    const known = change && presenceByChange.get(change)
    if (known) return known
    const present = video.presenceIn(type, id)
    const data = present && {
      participant_count: present.participantCount,
      participants_count_by_role: present.countByRole,
      participants: present.participants,
    }
    const worked: Presence = { isOver: !present || present.isEnded, event: data ? `event: participants\ndata: ${JSON.stringify(data)}\n\n` : '' }
    if (change) presenceByChange.set(change, worked)
    return worked
  }
  app.addHook('preClose', async () => {
    for (const response of openConnections) response.end()
  })

  app.get(
    '/local/calls/:type/:id/presence',
    presenceRouteOptions,
    async (request: FastifyRequest, reply: FastifyReply) => {
      const { type, id } = request.params as { type: string; id: string }
      const cid = `${type}:${id}`
      const claims = verifyUserToken(request.headers.authorization)
      if (claims instanceof StreamApiError) return reply.status(claims.statusCode).send(toStreamErrorBody(claims, reply.elapsedTime))
      // Throws Stream's refusal (unknown call, ended call, a viewer while the call is in backstage, a blocked user, a
      // full call). A call token for another call gives no role here: the user's membership or app role applies.
      const { userId } = claims
      const tokenRole = tokenRoleIn(claims, cid)
      // The name the browser connects with (URI-encoded, as a header carries ASCII only), as connectUser sends its user.
      const name = connectingName(request.headers['x-stream-user-name'])
      const participant = video.joinParticipant(type, id, userId, { ...(tokenRole === undefined ? {} : { role: tokenRole }), ...(name ? { name } : {}) })

      reply.hijack()
      const response = reply.raw
      response.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      })
      openConnections.add(response)
      let isOpen = true
      const unsubscribe = presence.subscribe(cid, (change) => sendPresence(change))
      const keepAlive = setInterval(() => response.write(': keep-alive\n\n'), keepAliveMs)
      const close = () => {
        if (!isOpen) return
        isOpen = false
        clearInterval(keepAlive)
        unsubscribe()
      }
      function sendPresence(change?: object) {
        if (!isOpen) return
        const present = presenceAfter(type, id, change)
        if (present.isOver) {
          close()
          response.end('event: ended\ndata: {}\n\n')
          return
        }
        if (!video.isConnected(type, id, participant.userSessionId)) {
          close()
          const reason = video.describeCall(type, id)?.blocked_user_ids.includes(userId) ? 'blocked' : 'kicked'
          response.end(`event: removed\ndata: ${JSON.stringify({ reason })}\n\n`)
          return
        }
        response.write(present.event)
      }
      sendPresence()
      request.raw.on('close', () => {
        openConnections.delete(response)
        close()
        video.leaveParticipantSession(type, id, participant.userSessionId)
      })
    },
  )
}
