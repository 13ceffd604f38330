import { csrfHeaderName, csrfHeaderValue } from '@webinar/shared/auth'
import type { FastifyBaseLogger, FastifyInstance, LightMyRequestResponse } from 'fastify'
import { buildApp, type AppDependencies } from '../../src/app.ts'
import type { Clock } from '../../src/clock.ts'
import { loadConfig, type Config } from '../../src/config.ts'
import { createJobQueue } from '../../src/jobs/job-queue.ts'
import { startStandaloneStreamEmulator } from '../../src/stream-emulator/stream-emulator.ts'
import { createVideoService, type VideoService } from '../../src/video/video-service.ts'
import { createTestDatabase, type TestDatabase } from './test-database.ts'
import { createOutbox, type Outbox } from '../../src/email/outbox.ts'
import { createJoinTokens, type JoinTokens, type LinkTokens } from '../../src/join/join-token.ts'
import { createStudioTokens } from '../../src/speakers/studio-token.ts'

const testSessionSecret = 'test-session-secret-that-is-long-enough-0123456789'

export const streamTestKeys = { apiKey: 'test-api-key', apiSecret: 'test-api-secret-0123456789abcdef' }

type Emulator = Awaited<ReturnType<typeof startStandaloneStreamEmulator>>['emulator']

export interface TestApp {
  app: FastifyInstance
  database: TestDatabase
  config: Config
  video: VideoService
  emulator: Emulator
  /** The emulator's base URL, to drive it with the node-sdk as "someone else" would. */
  streamUrl: string
  /** An outbox like the app's (same secret and settings), to drive periodic mail work directly. */
  outbox: Outbox
  /** The app's join links (same secret): stored mail holds a placeholder where their token goes. */
  joinTokens: JoinTokens
  /** The app's guest speakers' studio links (same secret). */
  studioTokens: LinkTokens
  /** The app's own URL: it listens on a free loopback port (the emulator's webhooks come back there). */
  url: string
  close: () => Promise<void>
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', STREAM_TIMEOUT_MS: '1000', JOB_RETRY_DELAY_SECONDS: '1', ...overrides })
}

const quietLogger = { error: () => {}, warn: () => {} }

/**
 * The real app over a fresh database of its own, its jobs running, talking through the real node-sdk to a
 * Stream API emulator of its own. Closing it fails the test file if any request the app sent to
 * Stream broke Stream's OpenAPI contract.
 */
export const keptMail = {
  isConfigured: false,
  send: async (): Promise<{ messageId: string }> => {
    throw new Error('no SMTP in this test: mail stays in the outbox')
  },
}

export async function createTestApp(
  options: {
    clock?: Clock
    env?: Record<string, string>
    mailer?: AppDependencies['mailer']
    /** A migrated database of the caller's (its `drop` is called on close); by default a fresh copy of the template. */
    database?: TestDatabase
    /** The app's and the job queue's logger (a pino logger with the app's serializers, to read what it logs). */
    logger?: FastifyBaseLogger
  } = {},
): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase())
  const config = testConfig(options.env)
  const clock = options.clock ?? { now: () => new Date() }
  const stream = await startStandaloneStreamEmulator(streamTestKeys)
  const video = createVideoService({
    ...streamTestKeys,
    baseUrl: stream.url,
    timeoutMs: config.stream.timeoutMs,
    callType: config.stream.callType,
    clock,
  })
  const jobs = createJobQueue({ connectionString: database.url, retryDelaySeconds: config.jobRetryDelaySeconds, logger: options.logger ?? quietLogger })
  await jobs.start()
  const app = await buildApp({
    config,
    database,
    clock,
    sessionSecret: testSessionSecret,
    video,
    jobs,
    mailer: options.mailer ?? keptMail,
    // The same emulator on the app's own port too, as local mode mounts it: browsers hold their presence
    // connections there (same origin), while the node-sdk talks to the standalone server.
    streamEmulatorPlugin: stream.emulator.plugin,
    // Local mode's simulated attendees join that same emulator's calls.
    streamEmulatorParticipants: stream.emulator,
    ...(options.logger ? { logger: options.logger } : {}),
  })
  const url = await app.listen({ port: 0, host: '127.0.0.1' })
  stream.emulator.setWebhookUrl(`${url}/api/stream/webhooks`)
  return {
    app,
    database,
    config,
    video,
    emulator: stream.emulator,
    outbox: createOutbox({
      jobs,
      publicUrl: config.publicUrl,
      organisationName: config.organisationName,
      isSmtpConfigured: (options.mailer ?? keptMail).isConfigured,
      clock,
    }),
    joinTokens: createJoinTokens(testSessionSecret),
    studioTokens: createStudioTokens(testSessionSecret),
    streamUrl: stream.url,
    url,
    close: async () => {
      const failures = stream.emulator.validationFailures()
      // A webhook still on its way holds a keep-alive connection that app.close() would wait out.
      await stream.emulator.whenWebhooksDelivered()
      // The test is over: a connection still open would only be waited out. One is known to happen: a webhook fetch
      // aborted by the emulator's reset can leave undici's fresh connection without a request, which the server holds
      // for its 60 s header timeout.
      app.server.closeAllConnections()
      await app.close()
      await jobs.stop()
      await stream.close()
      await database.drop()
      if (failures.length > 0) {
        throw new Error(`The app sent Stream requests that break its OpenAPI contract:\n${JSON.stringify(failures, null, 2)}`)
      }
    },
  }
}

export const csrfHeaders = { [csrfHeaderName]: csrfHeaderValue }

export function sessionCookieOf(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((candidate) => candidate.name === 'session')
  if (!cookie) throw new Error(`no session cookie in the answer (status ${response.statusCode})`)
  return `session=${cookie.value}`
}

export const owner = { email: 'owner@example.com', name: 'Olive Owner', password: 'correct horse battery' }

/** Creates the first owner through the API and returns the session cookie. */
export async function setUpOwner(app: FastifyInstance): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/api/setup', payload: owner })
  if (response.statusCode !== 201) throw new Error(`setup failed: ${response.statusCode} ${response.body}`)
  return sessionCookieOf(response)
}
