import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import closeWithGrace from 'close-with-grace'
import pino from 'pino'
import { buildApp } from './app.ts'
import { logHooks, logSerializers } from './http/log-serializers.ts'
import { systemClock } from './clock.ts'
import { ConfigError, loadConfig, type Config } from './config.ts'
import { connectDatabase, type DatabaseHandle } from './db/client.ts'
import { EmbeddedPostgresError, startEmbeddedPostgres, type EmbeddedDatabase } from './db/embedded-postgres.ts'
import { applyMigrations } from './db/migrate.ts'
import { createMailTransport } from './email/mail-transport.ts'
import { createJobQueue, type JobQueue } from './jobs/job-queue.ts'
import { createVideoService } from './video/video-service.ts'

/** How long a graceful stop may take before the process exits regardless (with code 1). */
const shutdownGraceMs = 9000

/** Local mode keeps one generated secret under the data directory, so sessions survive restarts. */
async function resolveSessionSecret(config: Config): Promise<string> {
  if (config.sessionSecret) return config.sessionSecret
  const file = path.join(config.dataDir, 'session-secret')
  try {
    return (await fs.readFile(file, 'utf8')).trim()
  } catch {
    const secret = randomBytes(48).toString('base64url')
    await fs.mkdir(config.dataDir, { recursive: true })
    await fs.writeFile(file, secret, { mode: 0o600, flag: 'wx' }).catch(() => {})
    return (await fs.readFile(file, 'utf8')).trim()
  }
}

async function main(): Promise<void> {
  let config: Config
  try {
    config = loadConfig()
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message)
      process.exit(1)
    }
    throw error
  }

  const logger = pino({
    level: config.logLevel,
    // Join tokens and tickets in URLs are redacted; headers (cookies, keys, tokens) are never logged.
    serializers: logSerializers,
    hooks: logHooks,
    ...(process.stdout.isTTY ? { transport: { target: 'pino-pretty', options: { ignore: 'pid,hostname' } } } : {}),
  })

  let embedded: EmbeddedDatabase | undefined
  let database: DatabaseHandle | undefined
  let jobs: JobQueue | undefined
  let isJobQueueStarted = false
  let app: Awaited<ReturnType<typeof buildApp>> | undefined
  let mailer: ReturnType<typeof createMailTransport> | undefined
  // The reverse of start-up, once the HTTP server is drained: the job queue stops taking jobs and lets the
  // running ones finish (a delivery in progress completes and is marked sent, rather than being cut and sent
  // again later), then the mailer's pooled connections close, and the database goes last, once nothing holds a
  // connection to it any more, so no client sees it vanish (and reports it) during a normal stop.
  const shutDownBackground = async () => {
    if (isJobQueueStarted) await jobs!.stop().catch((error: unknown) => logger.warn({ err: error }, 'job queue did not stop cleanly'))
    await mailer?.close().catch(() => {})
    await database?.close().catch(() => {})
    await embedded?.stop()
  }
  let isStopping = false
  // Installed before start-up, so Ctrl-C while it runs also stops what has started (the database among them).
  // SIGTERM (docker stop, a rolling deploy) is a graceful stop: the listener closes at once, requests already
  // being handled finish and get their answer, one arriving on an open keep-alive connection gets a 503 with
  // `Connection: close` (Fastify's return503OnClosing), then the background stops as above. The exit code is 0.
  // Past the delay the process exits with 1 whatever is left (the grace docker and most orchestrators give
  // before SIGKILL is 10 s or more; the job queue's share of it is 3 s).
  closeWithGrace({ delay: shutdownGraceMs }, async ({ signal, err }) => {
    isStopping = true
    if (err) logger.error({ err }, 'shutting down after an error')
    else logger.info({ signal }, 'shutting down')
    await app?.close()
    await shutDownBackground()
  })

  try {
    if (!config.databaseUrl) {
      embedded = await startEmbeddedPostgres(
        path.join(config.dataDir, 'postgres'),
        {
          info: (message) => logger.info(message),
          debug: (message) => logger.debug({ component: 'postgres' }, message),
        },
        // DATA_DIR is the user's folder: say what to change rather than chmod their parent folders.
        { unreachableParents: 'fail' },
      )
      logger.info('Embedded PostgreSQL is running (set DATABASE_URL to use your own server)')
    }
    const connectionString = config.databaseUrl ?? embedded!.connectionString
    database = connectDatabase(connectionString)
    jobs = createJobQueue({
      connectionString,
      retryDelaySeconds: config.jobRetryDelaySeconds,
      logger,
      isSchedulingEnabled: true,
    })

    await applyMigrations(database.pool)
    await jobs.start()
    isJobQueueStarted = true

    // Local mode: the Stream API emulator answers the node-sdk on this same server, under /__stream,
    // and sends its webhooks back here. The secret only has to be shared by the two, within this process.
    const localLoopback = `http://127.0.0.1:${config.port}`
    const streamKeys = config.stream.isLocalMode
      ? { apiKey: 'local-emulator', apiSecret: randomBytes(32).toString('hex') }
      : { apiKey: config.stream.apiKey!, apiSecret: config.stream.apiSecret! }
    // Loaded only in local mode: with Stream's keys the emulator is never used, and its code is not kept in memory.
    const emulator = config.stream.isLocalMode
      ? (await import('./stream-emulator/stream-emulator.ts')).createStreamEmulator({ ...streamKeys, webhookUrl: `${localLoopback}/api/stream/webhooks` })
      : undefined
    const video = createVideoService({
      ...streamKeys,
      baseUrl: emulator ? `${localLoopback}/__stream` : config.stream.baseUrl,
      timeoutMs: config.stream.timeoutMs,
      callType: config.stream.callType,
      clock: systemClock,
    })

    mailer = createMailTransport(config.mail.smtpUrl, { from: config.mail.from })
    app = await buildApp({
      config,
      database,
      clock: systemClock,
      sessionSecret: await resolveSessionSecret(config),
      video,
      jobs,
      mailer,
      ...(emulator ? { streamEmulatorPlugin: emulator.plugin, streamEmulatorParticipants: emulator } : {}),
      logger,
    })

    await app.listen({ port: config.port, host: config.host })
    if (emulator) logger.info('Video runs in local mode (built-in Stream emulator): set STREAM_API_KEY and STREAM_API_SECRET to use Stream')
    // Prepare the custom call type now rather than on the first webinar; a failure here is retried on use.
    video.ensureCallType().catch((error: unknown) => logger.error({ err: error }, 'could not set up the Stream call type yet'))
    logger.info(`Webinar platform ready at ${config.publicUrl}`)
  } catch (error) {
    // Stopped during start-up: closeWithGrace is already shutting down what had started.
    if (isStopping) return
    // A problem the user can fix is said in plain words; anything else gets its stack trace.
    if (error instanceof EmbeddedPostgresError) console.error(error.message)
    else logger.error({ err: error }, 'start-up failed')
    await shutDownBackground()
    process.exit(1)
  }
}

await main()
