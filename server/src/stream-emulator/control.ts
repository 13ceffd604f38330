import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { EmulatedVideo } from './emulated-video.ts'
import type { FaultInjector } from './fault-injector.ts'
import { readJsonBody } from './request-fields.ts'
import type { RequestLog } from './request-log.ts'
import { doesNotExist, inputError } from './stream-errors.ts'
import type { WebhookSender } from './webhooks.ts'

export interface ControlDependencies {
  video: EmulatedVideo
  faults: FaultInjector
  requests: RequestLog
  webhooks: WebhookSender
  mediaBaseUrl: () => string
  reset: () => void
  /** Runs before every control request (throws to refuse it); none leaves them open. */
  authorize?: (request: FastifyRequest) => Promise<void>
}

/**
 * The test and development hooks over HTTP, under `__control/`: the call as the emulator sees it, participants
 * joining and leaving, recordings made ready, faults, the request and webhook logs, the webhook URL, and a reset.
 * Open without `authorize` (an emulator of its own on loopback); mounted in the app, for its admins only.
 */
export function registerControlRoutes(control: FastifyInstance, { video, faults, requests, webhooks, mediaBaseUrl, reset, authorize }: ControlDependencies): void {
  const base = '/__control'
  const onRequest = authorize ? [authorize] : []
  // Not API requests: kept out of the request log and the host app's rate limit and OpenAPI document.
  const controlRouteOptions = () => ({ config: { rateLimit: false as const, kind: 'control' }, schema: { hide: true }, onRequest })
  const callParams = (request: FastifyRequest) => request.params as { type: string; id: string }
  const requireCallState = (type: string, id: string) => {
    const state = video.describeCall(type, id)
    if (!state) throw doesNotExist('Control', `call ${type}:${id} does not exist`)
    return state
  }

  control.get(`${base}/calls/:type/:id`, controlRouteOptions(), async (request) => {
    const { type, id } = callParams(request)
    return requireCallState(type, id)
  })

  control.post(`${base}/calls/:type/:id/participants`, controlRouteOptions(), async (request, reply) => {
    const { type, id } = callParams(request)
    const body = readJsonBody('Control', request.body, undefined)
    const { userId, action, role } = body
    if (typeof userId !== 'string' || userId === '') throw inputError('Control', 'userId is a required string', { userId: 'is required' })
    if (action !== 'join' && action !== 'leave') throw inputError('Control', 'action must be "join" or "leave"', { action: 'must be join or leave' })
    if (role !== undefined && typeof role !== 'string') throw inputError('Control', 'role must be a string', { role: 'must be a string' })
    const participant =
      action === 'join'
        ? video.joinParticipant(type, id, userId, role === undefined ? {} : { role })
        : video.leaveParticipant(type, id, userId)
    return reply.status(201).send({ participant })
  })

  control.post(`${base}/calls/:type/:id/recordings`, controlRouteOptions(), async (request, reply) => {
    const { type, id } = callParams(request)
    return reply.status(201).send({ recording: video.makeRecordingReady(type, id, mediaBaseUrl()) })
  })

  control.post(`${base}/faults`, controlRouteOptions(), async (request) => {
    const body = readJsonBody('Control', request.body, undefined)
    const number = (field: string) => {
      const value = body[field]
      if (value === undefined) return undefined
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
        throw inputError('Control', `${field} must be a whole number of at least 0`, { [field]: 'must be a whole number' })
      }
      return value
    }
    const status = number('status')
    if (status !== undefined && (status < 400 || status > 599)) throw inputError('Control', 'status must be an HTTP error status (400-599)', { status: 'must be 400-599' })
    if (body.hang !== undefined && typeof body.hang !== 'boolean') throw inputError('Control', 'hang must be a boolean', { hang: 'must be a boolean' })
    const only = body.only
    if (only !== undefined && only !== null && (typeof only !== 'string' || only === '')) {
      throw inputError('Control', 'only must be an operationId (GoLive, EndCall, ...) or null', { only: 'must be an operationId or null' })
    }
    const phase = body.phase
    if (phase !== undefined && phase !== 'request' && phase !== 'answer') {
      throw inputError('Control', 'phase must be "request" or "answer"', { phase: 'must be request or answer' })
    }
    const failNext = number('failNext')
    const delayMs = number('delayMs')
    faults.inject({
      ...(failNext !== undefined ? { failNext } : {}),
      ...(status !== undefined ? { status } : {}),
      ...(delayMs !== undefined ? { delayMs } : {}),
      ...(typeof body.hang === 'boolean' ? { hang: body.hang } : {}),
      ...(typeof only === 'string' || only === null ? { only } : {}),
      ...(phase === 'request' || phase === 'answer' ? { phase } : {}),
    })
    return { faults: faults.current() }
  })

  control.delete(`${base}/faults`, controlRouteOptions(), async () => {
    faults.clear()
    return { faults: faults.current() }
  })

  control.get(`${base}/requests`, controlRouteOptions(), async () => ({ requests: requests.list() }))

  control.get(`${base}/webhooks`, controlRouteOptions(), async () => ({
    url: webhooks.getUrl() ?? null,
    deliveries: webhooks.listDeliveries(),
  }))

  control.put(`${base}/webhooks`, controlRouteOptions(), async (request) => {
    const { url } = readJsonBody('Control', request.body, undefined)
    if (url !== null && (typeof url !== 'string' || !URL.canParse(url))) {
      throw inputError('Control', 'url must be an absolute URL or null', { url: 'must be a URL or null' })
    }
    webhooks.setUrl(url ?? undefined)
    return { url }
  })

  control.post(`${base}/reset`, controlRouteOptions(), async () => {
    reset()
    return { reset: true }
  })
}
