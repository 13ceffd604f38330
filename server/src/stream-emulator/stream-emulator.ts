import Fastify, { type FastifyPluginAsync } from 'fastify'
import type { EmulatedCallState, ParticipantState } from './call-responses.ts'
import { createEmulatedVideo } from './emulated-video.ts'
import { createEmulatorPlugin, type StreamEmulatorPluginOptions } from './emulator-plugin.ts'
import type { CallRecordingRecord } from './emulator-state.ts'
import { createFaultInjector, type ActiveFaults, type FaultSettings } from './fault-injector.ts'
import { createPresenceHub } from './local-presence.ts'
import { loadStreamContract } from './openapi-contract.ts'
import { createRequestLog, type RecordedRequest } from './request-log.ts'
import { createClientAuthenticator, createServerAuthenticator } from './tokens.ts'
import { createWebhookSender, type WebhookDelivery } from './webhooks.ts'

export interface StreamEmulatorOptions {
  apiKey: string
  apiSecret: string
  /** Where webhook events go; none are sent until one is set. */
  webhookUrl?: string
  now?: () => Date
  /** Sends the webhooks (tests may wrap it). */
  fetch?: typeof fetch
  /** Waits between webhook attempts; there is one attempt more than waits. Default 100, 500 and 2000 ms. */
  webhookRetryDelaysMs?: readonly number[]
  /** How long one webhook attempt may take. Default 5 s. */
  webhookTimeoutMs?: number
}

export interface StreamEmulator {
  /** Encapsulated Fastify plugin with the emulator's routes relative to its prefix; the SDK's basePath is `{origin}{prefix}`. */
  plugin: FastifyPluginAsync<StreamEmulatorPluginOptions>
  /** Version of Stream's OpenAPI document the emulator's committed subset was derived from, e.g. v236.0.4. */
  openApiVersion: string
  setWebhookUrl(url: string | undefined): void
  getCall(type: string, id: string): EmulatedCallState | undefined
  /** Every call that exists, as getCall shows it. */
  listCalls(): EmulatedCallState[]
  listRequests(): RecordedRequest[]
  validationFailures(): RecordedRequest[]
  injectFaults(faults: FaultSettings): void
  clearFaults(): void
  activeFaults(): ActiveFaults
  /**
   * Someone joins (webhook call.session_participant_joined), checked like every join to Stream: throws StreamApiError
   * (403, code 17) for a role without join-call, backstage, a blocked user, an ended call, a full call. `role` is the
   * role a call token for this call would give them; without it their membership role, else their app role, applies.
   */
  joinParticipant(type: string, id: string, userId: string, options?: { role?: string }): ParticipantState
  leaveParticipant(type: string, id: string, userId: string): ParticipantState & { durationSeconds: number }
  makeRecordingReady(type: string, id: string): CallRecordingRecord
  /** Back to a fresh app: built-in call types only, no calls, users, requests, faults or pending webhooks. */
  reset(): void
  whenWebhooksDelivered(): Promise<void>
  listWebhookDeliveries(): WebhookDelivery[]
}

const historyLimit = 1000

/**
 * The Stream API emulator: answers the official node-sdk the way Stream's video API does (see README.md beside
 * this file), for tests and for local mode without Stream keys.
 */
export function createStreamEmulator(options: StreamEmulatorOptions): StreamEmulator {
  const now = options.now ?? (() => new Date())
  // Bodies are validated against the committed subset of Stream's OpenAPI document; without it this throws,
  // rather than letting the emulator accept what Stream would refuse.
  const contract = loadStreamContract()
  const webhooks = createWebhookSender({
    apiKey: options.apiKey,
    apiSecret: options.apiSecret,
    ...(options.webhookUrl ? { url: options.webhookUrl } : {}),
    fetch: options.fetch ?? globalThis.fetch,
    retryDelaysMs: options.webhookRetryDelaysMs ?? [100, 500, 2000],
    attemptTimeoutMs: options.webhookTimeoutMs ?? 5000,
    historyLimit,
  })
  const presence = createPresenceHub()
  // Media URLs (HLS playlists, recordings, ingress) point back at the emulator: the last API request tells where it is.
  let mediaBaseUrl = 'http://127.0.0.1'
  const video = createEmulatedVideo({
    apiKey: options.apiKey,
    now,
    knownCapabilities: contract.capabilities,
    emit: (event) => {
      webhooks.send(event)
      presence.notify(event)
    },
    mediaBaseUrl: () => mediaBaseUrl,
  })
  const faults = createFaultInjector()
  const requests = createRequestLog(historyLimit)

  function reset() {
    video.reset()
    requests.clear()
    faults.clear()
    webhooks.cancelPending()
    webhooks.clearHistory()
  }

  const plugin = createEmulatorPlugin({
    video,
    contract,
    faults,
    requests,
    webhooks,
    authenticate: createServerAuthenticator({ apiKey: options.apiKey, apiSecret: options.apiSecret }),
    authenticateClient: createClientAuthenticator({ apiKey: options.apiKey, apiSecret: options.apiSecret, now }),
    now,
    rememberBaseUrl: (baseUrl) => {
      mediaBaseUrl = baseUrl
    },
    mediaBaseUrl: () => mediaBaseUrl,
    reset,
    presence,
    apiSecret: options.apiSecret,
  })

  return {
    plugin,
    openApiVersion: contract.version,
    setWebhookUrl: (url) => webhooks.setUrl(url),
    getCall: (type, id) => video.describeCall(type, id),
    listCalls: () => video.describeCalls(),
    listRequests: () => requests.list(),
    validationFailures: () => requests.list().filter((request) => request.validationErrors.length > 0),
    injectFaults: (settings) => faults.inject(settings),
    clearFaults: () => faults.clear(),
    activeFaults: () => faults.current(),
    joinParticipant: (type, id, userId, joinOptions) => video.joinParticipant(type, id, userId, joinOptions),
    leaveParticipant: (type, id, userId) => video.leaveParticipant(type, id, userId),
    makeRecordingReady: (type, id) => video.makeRecordingReady(type, id, mediaBaseUrl),
    reset,
    whenWebhooksDelivered: () => webhooks.whenDelivered(),
    listWebhookDeliveries: () => webhooks.listDeliveries(),
  }
}

export interface StandaloneStreamEmulator {
  emulator: StreamEmulator
  /** Give this to the SDK as `basePath`; the control endpoints are under `{url}/__control/`. */
  url: string
  close: () => Promise<void>
}

/**
 * The emulator on its own HTTP server on 127.0.0.1 and a free port, control endpoints on and open: for tests. Only
 * this machine can reach it, and the tests that start it already hold the same powers in-process (`emulator`).
 */
export async function startStandaloneStreamEmulator(
  options: StreamEmulatorOptions & { enableControl?: boolean },
): Promise<StandaloneStreamEmulator> {
  const emulator = createStreamEmulator(options)
  // Keep-alive sockets from the SDK would otherwise hold close() open.
  const app = Fastify({ logger: false, forceCloseConnections: true })
  await app.register(emulator.plugin, { enableControl: options.enableControl ?? true })
  const url = await app.listen({ host: '127.0.0.1', port: 0 })
  return { emulator, url, close: () => app.close() }
}
