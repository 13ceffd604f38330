import type { FastifyError, FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import type { ApiOperation } from './api-operations.ts'
import { clientOperations } from './client-routes.ts'
import { registerControlRoutes } from './control.ts'
import type { EmulatedVideo } from './emulated-video.ts'
import type { FaultInjector, FaultPhase } from './fault-injector.ts'
import { registerLocalPresenceRoutes, type PresenceHub } from './local-presence.ts'
import { recordingMp4, requestedRange } from './recording-media.ts'
import type { StreamContract, ValidationIssue } from './openapi-contract.ts'
import { readJsonBody, type Fields } from './request-fields.ts'
import type { RecordedRequest, RequestLog } from './request-log.ts'
import { serverOperations } from './server-operations.ts'
import {
  codeForStatus,
  doesNotExist,
  formatDuration,
  inputError,
  StreamApiError,
  streamErrorCodes,
  toStreamErrorBody,
} from './stream-errors.ts'
import type { ClientAuthenticator, RequestCredentials, ServerAuthenticator, UserTokenClaims } from './tokens.ts'
import type { WebhookSender } from './webhooks.ts'

export interface StreamEmulatorPluginOptions {
  /** Registers the test and development hooks under `__control/`. */
  enableControl?: boolean
  /**
   * Runs before each control request; throwing refuses it. They repoint signed webhooks, inject faults, read the
   * request log and reset state, so a host app that serves them on its own port lets only its admins in. What this
   * throws is answered by the host's error handler, in the host's error shape. Without it the control endpoints are
   * open: fit only for an emulator of its own on loopback (tests, `startStandaloneStreamEmulator`).
   */
  authorizeControl?: (request: FastifyRequest) => Promise<void>
}

export interface EmulatorPluginDependencies {
  video: EmulatedVideo
  contract: StreamContract
  faults: FaultInjector
  requests: RequestLog
  webhooks: WebhookSender
  authenticate: ServerAuthenticator
  /** The browser SDK's routes: a user token, never a server one. */
  authenticateClient: ClientAuthenticator
  now: () => Date
  /** Called with `{protocol}://{host}{prefix}` of each API request: where the emulator's media paths live. */
  rememberBaseUrl: (baseUrl: string) => void
  mediaBaseUrl: () => string
  reset: () => void
  /** Tells local presence connections when the people in their call change. */
  presence: PresenceHub
  apiSecret: string
}

// What a route serves: only `api` requests (Stream's server-side API and the browser SDK's) are logged and go
// through faults and auth. `control` routes are in control.ts, `presence` ones in local-presence.ts.
type RouteKind = 'api' | 'control' | 'media' | 'presence'

// The browser SDK's paths (video-client's baseURL `https://video.stream-io-api.com/video`).
const isClientPath = (path: string) => path.startsWith('/video/')

/**
 * The emulator's HTTP face, as an encapsulated Fastify plugin: Stream's REST paths relative to its prefix (give the
 * SDK `{origin}{prefix}` as basePath), its own body parsing, error and not-found handlers so every failure reads
 * like Stream's, and, with `enableControl`, the test hooks under `__control/`.
 */
export function createEmulatorPlugin(dependencies: EmulatorPluginDependencies): FastifyPluginAsync<StreamEmulatorPluginOptions> {
  const { video, contract, faults, requests, webhooks, authenticate, authenticateClient } = dependencies
  const operations: ApiOperation[] = [...serverOperations(video), ...clientOperations(video)]
  const records = new WeakMap<FastifyRequest, RecordedRequest>()

  return async function streamEmulatorPlugin(app: FastifyInstance, { enableControl = false, authorizeControl }: StreamEmulatorPluginOptions) {
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

    // The host's refusals of control requests are the host's answers: its own (parent) error handler sends them.
    const hostRefusals = new WeakSet<object>()
    app.setErrorHandler((error: FastifyError | StreamApiError, request, reply) => {
      if (hostRefusals.has(error)) throw error
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
        config: { rateLimit: false, kind: 'api', operationId: operation.operationId, surface: operation.surface },
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

    // A ready recording's file, as Stream's CDN serves it: an MP4 a <video> plays and seeks (byte ranges). The
    // emulator records nothing, so it is a test card as long as the recording (recording-media.ts).
    const recordingFiles = new Map<string, Buffer>()
    app.get('/recordings/:type/:id/:filename', mediaRouteOptions, async (request, reply) => {
      const { type, id, filename } = request.params as { type: string; id: string; filename: string }
      const recording = video.findRecording(type, id, filename)
      if (!recording) return reply.status(404).type('text/plain; charset=utf-8').send('There is no such recording.')
      const key = `${type}:${id}/${filename}`
      let file = recordingFiles.get(key)
      if (!file) {
        file = recordingMp4(Date.parse(recording.end_time) - Date.parse(recording.start_time))
        // A few files at most: they are made again when asked for.
        if (recordingFiles.size >= 8) recordingFiles.delete(recordingFiles.keys().next().value!)
        recordingFiles.set(key, file)
      }
      reply.type('video/mp4').header('accept-ranges', 'bytes')
      const range = requestedRange(request.headers.range, file.length)
      if (range === 'whole') return reply.send(file)
      if (range === 'unsatisfiable') return reply.status(416).header('content-range', `bytes */${file.length}`).send()
      return reply
        .status(206)
        .header('content-range', `bytes ${range.start}-${range.end}/${file.length}`)
        .send(file.subarray(range.start, range.end + 1))
    })

    // The browser's side in local mode: a connection per person in a call, standing in for Stream's SFU.
    registerLocalPresenceRoutes(app, { video, presence: dependencies.presence, apiSecret: dependencies.apiSecret, now: dependencies.now })

    if (enableControl) {
      const authorize = authorizeControl
        ? async (request: FastifyRequest) => {
            try {
              await authorizeControl(request)
            } catch (error) {
              if (typeof error === 'object' && error !== null) hostRefusals.add(error)
              throw error
            }
          }
        : undefined
      registerControlRoutes(app, {
        video,
        faults,
        requests,
        webhooks,
        mediaBaseUrl: dependencies.mediaBaseUrl,
        reset: dependencies.reset,
        ...(authorize ? { authorize } : {}),
      })
    }

    /** The body against Stream's request schema: the operation's own, or (browser SDK routes) the one it shares. */
    function bodyIssuesOf(operation: ApiOperation, body: Fields): ValidationIssue[] {
      if (operation.surface === 'server') return contract.validateRequestBody(operation.operationId, body)
      return operation.checkBody ? operation.checkBody(body, contract) : contract.validateRequestBody(operation.bodySchemaOf ?? operation.operationId, body)
    }

    async function answerApiRequest(request: FastifyRequest, reply: FastifyReply, operation: ApiOperation | null) {
      const record = records.get(request)
      const callerGone = new Promise<void>((resolve) => reply.raw.once('close', () => resolve()))
      const operationId = operation?.operationId ?? null
      /** The faults at one point of the request: before its work, or after it (the work stands, the answer fails). */
      const meetFaults = async (phase: FaultPhase) => {
        const outcome = await faults.apply(callerGone, { operation: operationId, phase })
        if (outcome.kind === 'released') {
          if (record) record.fault = 'hang'
          throw new StreamApiError(503, streamErrorCodes.internal, 'the emulator dropped this request: it was held by an injected fault')
        }
        if (outcome.kind === 'fail') {
          if (record) record.fault = 'fail'
          throw new StreamApiError(outcome.status, codeForStatus(outcome.status), `injected failure (HTTP ${outcome.status})`)
        }
        if (outcome.isLate && record) record.fault = 'delay'
      }
      await meetFaults('request')

      const credentials: RequestCredentials = {
        apiKey: (request.query as Record<string, unknown>).api_key,
        authorization: request.headers.authorization,
        authType: headerValue(request.headers['stream-auth-type']),
      }
      const isClient = operation ? operation.surface === 'client' : isClientPath(pathOf(request))
      let caller: UserTokenClaims | undefined
      if (isClient) {
        const claims = authenticateClient(credentials)
        if (claims instanceof StreamApiError) throw claims
        caller = claims
        // The browser SDK connects (connectUser) before it calls anything: that creates a user seen for the first time.
        video.connectUser(caller.userId)
      } else {
        const refusal = authenticate(credentials)
        if (refusal) throw refusal
      }

      if (!operation) {
        if (isClient) throw doesNotExist('Request', `the Stream API emulator does not implement the client-side ${request.method} ${pathOf(request)}`)
        const documented = contract.operationIdFor(request.method, pathOf(request))
        throw doesNotExist(
          documented ?? 'Request',
          documented
            ? `the Stream API emulator does not implement ${documented} (${request.method} ${pathOf(request)})`
            : `${request.method} ${pathOf(request)} is not a Stream API endpoint`,
        )
      }

      const body = operation.hasBody ? readJsonBody(operation.operationId, request.body, record) : {}
      const issues = operation.hasBody ? bodyIssuesOf(operation, body) : []
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
      const input = { params: request.params as Record<string, string>, query: request.query as Record<string, unknown>, body, baseUrl }
      let result: object
      if (operation.surface === 'server') result = operation.run(input)
      else if (caller) result = operation.run({ ...input, caller })
      else throw new StreamApiError(500, streamErrorCodes.internal, `${operation.operationId} reached without a user`)
      await meetFaults('answer')
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
