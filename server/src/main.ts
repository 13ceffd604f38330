import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import closeWithGrace from 'close-with-grace'
import pino from 'pino'
import { buildApp } from './app.ts'
import { systemClock } from './clock.ts'
import { ConfigError, loadConfig, type Config } from './config.ts'
import { connectDatabase } from './db/client.ts'
import { startEmbeddedPostgres, type EmbeddedDatabase } from './db/embedded-postgres.ts'
import { applyMigrations } from './db/migrate.ts'

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
    ...(process.stdout.isTTY ? { transport: { target: 'pino-pretty', options: { ignore: 'pid,hostname' } } } : {}),
  })

  let embedded: EmbeddedDatabase | undefined
  if (!config.databaseUrl) {
    embedded = await startEmbeddedPostgres(path.join(config.dataDir, 'postgres'), {
      info: (message) => logger.info(message),
      debug: (message) => logger.debug({ component: 'postgres' }, message),
    })
    logger.info('Embedded PostgreSQL is running (set DATABASE_URL to use your own server)')
  }
  const database = connectDatabase(config.databaseUrl ?? embedded!.connectionString)

  const shutDownDatabase = async () => {
    await database.close().catch(() => {})
    await embedded?.stop()
  }

  try {
    await applyMigrations(database.pool)
    const app = await buildApp({
      config,
      database,
      clock: systemClock,
      sessionSecret: await resolveSessionSecret(config),
      logger,
    })

    closeWithGrace({ delay: 4000 }, async ({ signal, err }) => {
      if (err) logger.error({ err }, 'shutting down after an error')
      else logger.info({ signal }, 'shutting down')
      await app.close()
      await shutDownDatabase()
    })

    await app.listen({ port: config.port, host: config.host })
    logger.info(`Webinar platform ready at ${config.publicUrl}`)
  } catch (error) {
    logger.error({ err: error }, 'start-up failed')
    await shutDownDatabase()
    process.exit(1)
  }
}

await main()
