import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { csrfHeaderName, csrfHeaderValue } from '@webinar/shared/auth'
import { findFreePort } from '../../src/db/embedded-postgres.ts'
import { waitFor } from './wait-for.ts'

const repoRoot = path.resolve(import.meta.dirname, '../../..')

export interface ServerProcess {
  child: ChildProcess
  url: string
  port: number
  /** Everything it wrote to stdout and stderr so far. */
  output: () => string
  /** Resolves with the exit code and signal once the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  /** SIGKILLs it unless it has already exited, and waits for the exit. */
  kill: () => Promise<void>
}

const running = new Set<ServerProcess>()

/**
 * The real server process from its sources (`node --import tsx server/src/main.ts`: `pnpm start` runs the same code
 * bundled into server/dist, which a test would otherwise have to rebuild after every edit), on
 * the caller's database (so no embedded PostgreSQL), a free port, local video mode (no Stream keys: the emulator
 * is mounted in-process) and `env` on top. Resolves once /readyz answers 200.
 */
export async function startServerProcess(env: Record<string, string>, options: { port?: number } = {}): Promise<ServerProcess> {
  const port = options.port ?? (await findFreePort())
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'webinar-server-process-'))
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    DATA_DIR: dataDir,
    // Random enough for the config's strength check; never the same twice.
    SESSION_SECRET: randomBytes(48).toString('base64url'),
    LOG_LEVEL: 'warn',
    JOB_RETRY_DELAY_SECONDS: '1',
    ...env,
  }
  delete childEnv.STREAM_API_KEY
  delete childEnv.STREAM_API_SECRET
  if (!env.SMTP_URL) delete childEnv.SMTP_URL
  let output = ''
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], { cwd: repoRoot, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] })
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  )
  const handle: ServerProcess = {
    child,
    url: `http://127.0.0.1:${port}`,
    port,
    output: () => output,
    exited,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      await exited
    },
  }
  running.add(handle)
  void exited.then(() => {
    running.delete(handle)
    return rm(dataDir, { recursive: true, force: true })
  })
  try {
    await waitFor(
      async () => {
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the server exited during start-up:\n${output}`)
        const ready = await fetch(`${handle.url}/readyz`).catch(() => undefined)
        return ready?.status === 200 ? true : undefined
      },
      60_000,
      100,
    )
  } catch (error) {
    await handle.kill()
    throw error
  }
  return handle
}

/** SIGKILLs every server process still running: for afterAll, whatever happened in the tests. */
export async function killAllServerProcesses(): Promise<void> {
  await Promise.all([...running].map((handle) => handle.kill()))
}

export const csrfHeaders = { [csrfHeaderName]: csrfHeaderValue }

/** Sets up the first owner over HTTP and returns a cookie header for them. */
export async function setUpOwnerOver(url: string): Promise<string> {
  const response = await fetch(`${url}/api/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'owner@example.com', name: 'Olive Owner', password: 'correct horse battery' }),
  })
  if (response.status !== 201) throw new Error(`setup failed: ${response.status} ${await response.text()}`)
  const session = response.headers.getSetCookie().find((cookie) => cookie.startsWith('session='))
  if (!session) throw new Error('no session cookie after setup')
  return session.split(';')[0]!
}

/** A JSON request as the signed-in owner; throws unless it answers 2xx. */
export async function ownerRequest<T>(url: string, cookie: string, method: string, pathname: string, body?: object): Promise<T> {
  const response = await fetch(`${url}${pathname}`, {
    method,
    headers: { cookie, ...csrfHeaders, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  })
  if (!response.ok) throw new Error(`${method} ${pathname}: ${response.status} ${await response.text()}`)
  return (await response.json()) as T
}
