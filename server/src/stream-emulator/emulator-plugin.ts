import type { FastifyError, FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { registerControlRoutes } from './control.ts'
import type { EmulatedVideo } from './emulated-video.ts'
import type { FaultInjector } from './fault-injector.ts'
import { registerLocalPresenceRoutes, type PresenceHub } from './local-presence.ts'
import type { StreamContract } from './openapi-contract.ts'
import { readJsonBody, type Fields } from './request-fields.ts'
import type { RecordedRequest, RequestLog } from './request-log.ts'
import {
  codeForStatus,
  doesNotExist,
  formatDuration,
  inputError,
  StreamApiError,
  streamErrorCodes,
  toStreamErrorBody,
} from './stream-errors.ts'
import type { ServerAuthenticator } from './users-and-tokens.ts'
import type { WebhookSender } from './webhooks.ts'

export interface StreamEmulatorPluginOptions {
  /** Registers the test and development hooks under `__control/` (no authentication: never on a public server). */
  enableControl?: boolean
}

export interface EmulatorPluginDependencies {
  video: EmulatedVideo
  contract: StreamContract
  faults: FaultInjector
  requests: RequestLog
  webhooks: WebhookSender
  authenticate: ServerAuthenticator
  now: () => Date
  /** Called with `{protocol}://{host}{prefix}` of each API request: where the emulator's media paths live. */
  rememberBaseUrl: (baseUrl: string) => void
  mediaBaseUrl: () => string
  reset: () => void
  /** Tells local presence connections when the people in their call change. */
  presence: PresenceHub
  apiSecret: string
}

interface OperationInput {
  params: Record<string, string>
  query: Record<string, unknown>
  body: Fields
  baseUrl: string
}

interface ApiOperation {
  operationId: string
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'
  url: string
  /** Status of a success, as Stream answers it (201 for most writes, per its OpenAPI document). */
  successStatus: 200 | 201
  /** False for operations that take no body (GET, DELETE, mark_ended): whatever arrives is ignored. */
  hasBody: boolean
  run: (input: OperationInput) => object
}

function apiOperations(video: EmulatedVideo): ApiOperation[] {
  const call = '/api/v2/video/call/:type/:id'
  const membersLimit = (query: Record<string, unknown>) => {
    const limit = Number(query.members_limit)
    return Number.isInteger(limit) && limit >= 0 ? limit : undefined
  }
  return [
    { operationId: 'GetOrCreateCall', method: 'POST', url: call, successStatus: 201, hasBody: true, run: ({ params, body }) => video.getOrCreateCall(params.type!, params.id!, body) },
    { operationId: 'GetCall', method: 'GET', url: call, successStatus: 200, hasBody: false, run: ({ params, query }) => video.getCall(params.type!, params.id!, membersLimit(query)) },
    { operationId: 'UpdateCall', method: 'PATCH', url: call, successStatus: 200, hasBody: true, run: ({ params, body }) => video.updateCall(params.type!, params.id!, body) },
    { operationId: 'GoLive', method: 'POST', url: `${call}/go_live`, successStatus: 201, hasBody: true, run: ({ params, body, baseUrl }) => video.goLive(params.type!, params.id!, body, baseUrl) },
    { operationId: 'StopLive', method: 'POST', url: `${call}/stop_live`, successStatus: 201, hasBody: true, run: ({ params, body }) => video.stopLive(params.type!, params.id!, body) },
    { operationId: 'EndCall', method: 'POST', url: `${call}/mark_ended`, successStatus: 201, hasBody: false, run: ({ params }) => video.endCall(params.type!, params.id!) },
    { operationId: 'DeleteCall', method: 'POST', url: `${call}/delete`, successStatus: 201, hasBody: true, run: ({ params, body }) => video.deleteCall(params.type!, params.id!, body) },
    { operationId: 'ListRecordings', method: 'GET', url: `${call}/recordings`, successStatus: 200, hasBody: false, run: ({ params }) => video.listRecordings(params.type!, params.id!) },
    { operationId: 'ListCallTypes', method: 'GET', url: '/api/v2/video/calltypes', successStatus: 200, hasBody: false, run: () => video.listCallTypes() },
    { operationId: 'CreateCallType', method: 'POST', url: '/api/v2/video/calltypes', successStatus: 201, hasBody: true, run: ({ body }) => video.createCallType(body) },
    { operationId: 'GetCallType', method: 'GET', url: '/api/v2/video/calltypes/:name', successStatus: 200, hasBody: false, run: ({ params }) => video.getCallType(params.name!) },
    { operationId: 'UpdateCallType', method: 'PUT', url: '/api/v2/video/calltypes/:name', successStatus: 201, hasBody: true, run: ({ params, body }) => video.updateCallType(params.name!, body) },
    { operationId: 'DeleteCallType', method: 'DELETE', url: '/api/v2/video/calltypes/:name', successStatus: 200, hasBody: false, run: ({ params }) => video.deleteCallType(params.name!) },
    { operationId: 'UpdateUsers', method: 'POST', url: '/api/v2/users', successStatus: 201, hasBody: true, run: ({ body }) => video.upsertUsers(body) },
  ]
}

// What a route serves: only `api` requests are logged and go through faults and auth. `control` routes are in
// control.ts, `client` ones in local-presence.ts.
type RouteKind = 'api' | 'control' | 'media' | 'client'

/**
 * The emulator's HTTP face, as an encapsulated Fastify plugin: Stream's REST paths relative to its prefix (give the
 * SDK `{origin}{prefix}` as basePath), its own body parsing, error and not-found handlers so every failure reads
 * like Stream's, and, with `enableControl`, the test hooks under `__control/`.
 */
export function createEmulatorPlugin(dependencies: EmulatorPluginDependencies): FastifyPluginAsync<StreamEmulatorPluginOptions> {
  const { video, contract, faults, requests, webhooks, authenticate } = dependencies
  const operations = apiOperations(video)
  const records = new WeakMap<FastifyRequest, RecordedRequest>()

  return async function streamEmulatorPlugin(app: FastifyInstance, { enableControl = false }: StreamEmulatorPluginOptions) {
    const prefix = app.prefix
    const pathOf = (request: FastifyRequest) => {
      const path = request.url.split('?', 1)[0] ?? ''
      return path.startsWith(prefix) ? path.slice(prefix.length) || '/' : path
    }
    const baseUrlOf = (request: FastifyRequest) => `${request.protocol}://${request.host}${prefix}`

    // Bodies arrive as bytes and are parsed here: `mark_ended` comes with a JSON content type and no body, which
    // the host app's JSON parser would refuse.
    app.removeAllContentTypeParsers()
    app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body))

    app.addHook('onRequest', async (request) => {
      if (routeKind(request) !== 'api') return
      records.set(
        request,
        requests.add({
          method: request.method,
          path: pathOf(request),
          query: { ...(request.query as Record<string, unknown>) },
          body: undefined,
          operation: operationIdOf(request),
          status: null,
          validationErrors: [],
          fault: null,
          receivedAt: dependencies.now().toISOString(),
        }),
      )
    })
    app.addHook('onResponse', async (request, reply) => {
      const record = records.get(request)
      if (record) record.status = reply.statusCode
    })
    // Held requests (hang, delay) would keep the server from closing: answer them now.
    app.addHook('preClose', async () => faults.releaseHeldRequests())
    app.addHook('onClose', async () => webhooks.cancelPending())

    app.setErrorHandler((error: FastifyError | StreamApiError, request, reply) => {
      let streamError: StreamApiError
      if (error instanceof StreamApiError) streamError = error
      else if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
        streamError = new StreamApiError(error.statusCode, codeForStatus(error.statusCode), error.message)
      } else {
        request.log.error({ err: error }, 'stream emulator failed')
        streamError = new StreamApiError(500, streamErrorCodes.internal, 'the emulator failed while handling this request')
      }
      return reply.status(streamError.statusCode).send(toStreamErrorBody(streamError, reply.elapsedTime))
    })

    app.setNotFoundHandler(async (request, reply) => {
      await answerApiRequest(request, reply, null)
    })

    // On every route of the emulator the host app's rate limit does not apply (the SDK is the only caller), and
    // none is in the host app's own OpenAPI document.
    for (const operation of operations) {
      app.route({
        method: operation.method,
        url: operation.url,
        schema: { hide: true },
        config: { rateLimit: false, kind: 'api', operationId: operation.operationId },
        handler: (request, reply) => answerApiRequest(request, reply, operation),
      })
    }

    // HLS players in local mode get a valid, empty live playlist instead of a 404.
    const mediaRouteOptions = { config: { rateLimit: false, kind: 'media' }, schema: { hide: true } }
    app.get('/hls/:type/:id/:sessionId/playlist.m3u8', mediaRouteOptions, async (_request, reply) =>
      reply
        .type('application/vnd.apple.mpegurl')
        .send('#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:0\n'),
    )

    // The browser's side in local mode: a connection per person in a call, standing in for Stream's SFU.
    registerLocalPresenceRoutes(app, { video, presence: dependencies.presence, apiSecret: dependencies.apiSecret, now: dependencies.now })

    if (enableControl) {
      registerControlRoutes(app, { video, faults, requests, webhooks, mediaBaseUrl: dependencies.mediaBaseUrl, reset: dependencies.reset })
    }

    async function answerApiRequest(request: FastifyRequest, reply: FastifyReply, operation: ApiOperation | null) {
      const record = records.get(request)
      const callerGone = new Promise<void>((resolve) => reply.raw.once('close', () => resolve()))
      const outcome = await faults.apply(callerGone)
      if (outcome.kind === 'released') {
        if (record) record.fault = 'hang'
        throw new StreamApiError(503, streamErrorCodes.internal, 'the emulator dropped this request: it was held by an injected fault')
      }
      if (outcome.kind === 'fail') {
        if (record) record.fault = 'fail'
        throw new StreamApiError(outcome.status, codeForStatus(outcome.status), `injected failure (HTTP ${outcome.status})`)
      }

      const refusal = authenticate({
        apiKey: (request.query as Record<string, unknown>).api_key,
        authorization: request.headers.authorization,
        authType: headerValue(request.headers['stream-auth-type']),
      })
      if (refusal) throw refusal

      if (!operation) {
        const documented = contract.operationIdFor(request.method, pathOf(request))
        throw doesNotExist(
          documented ?? 'Request',
          documented
            ? `the Stream API emulator does not implement ${documented} (${request.method} ${pathOf(request)})`
            : `${request.method} ${pathOf(request)} is not a Stream API endpoint`,
        )
      }

      const body = operation.hasBody ? readJsonBody(operation.operationId, request.body, record) : {}
      const issues = operation.hasBody ? contract.validateRequestBody(operation.operationId, body) : []
      if (issues.length > 0) {
        if (record) record.validationErrors = issues
        throw inputError(
          operation.operationId,
          issues.map((issue) => `${issue.field || 'body'} ${issue.message}`).join('; '),
          Object.fromEntries(issues.map((issue) => [issue.field || 'body', issue.message])),
        )
      }

      const baseUrl = baseUrlOf(request)
      dependencies.rememberBaseUrl(baseUrl)
      const result = operation.run({
        params: request.params as Record<string, string>,
        query: request.query as Record<string, unknown>,
        body,
        baseUrl,
      })
      return reply.status(operation.successStatus).send({ ...result, duration: formatDuration(reply.elapsedTime) })
    }
  }
}

function routeKind(request: FastifyRequest): RouteKind {
  const kind = (request.routeOptions.config as { kind?: RouteKind } | undefined)?.kind
  // Requests no route matched (the not-found handler) are API requests too: Stream would have answered them.
  return kind ?? 'api'
}

function operationIdOf(request: FastifyRequest): string | null {
  return (request.routeOptions.config as { operationId?: string } | undefined)?.operationId ?? null
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value
}
