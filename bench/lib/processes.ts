// The processes of a run besides the bench itself: the app instances (the real server, compiled and started as
// `pnpm start` does, in production mode), the baseline server, the SMTP sink and the Stream emulator. The load
// generator stays in the bench process, so nothing it does is counted against the app, and the app's memory is its
// own (read from /proc).
import { fork, spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { closeSync, openSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { buildServerIfStale, serverEntry, serverEnvironment } from '../../scripts/server-build.mjs'
import { findFreePort } from '../../server/src/db/embedded-postgres.ts'

export const repoRoot = path.resolve(import.meta.dirname, '../..')
/** Web builds, app logs and CPU profiles of bench runs: under node_modules, so neither git nor ESLint sees them. */
export const cacheDir = path.resolve(import.meta.dirname, '../node_modules/.cache/webinar-bench')

/** A helper process started with fork(): answers `{ id, command, argument }` with `{ id, result }`. */
export interface Helper<Ready> {
  child: ChildProcess
  ready: Ready
  call: <T>(command: string, argument?: unknown) => Promise<T>
  stop: () => Promise<void>
}

async function startHelper<Ready>(script: string, env: Record<string, string>, execArgv: string[] = []): Promise<Helper<Ready>> {
  const child = fork(path.join(import.meta.dirname, script), [], {
    env: { ...process.env, ...env },
    execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  // However the bench ends (a crash included), its helpers end with it.
  const killOnExit = () => child.kill('SIGKILL')
  process.once('exit', killOnExit)
  child.once('exit', () => process.removeListener('exit', killOnExit))
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once('message', (message) => resolve(message as Ready))
    child.once('exit', (code) => reject(new Error(`${script} exited with code ${code} before it was ready`)))
  })
  let nextId = 1
  const pending = new Map<number, (result: unknown) => void>()
  child.on('message', (message: { id?: number; result?: unknown }) => {
    if (message.id === undefined) return
    pending.get(message.id)?.(message.result)
    pending.delete(message.id)
  })
  return {
    child,
    ready,
    call: <T>(command: string, argument?: unknown) =>
      new Promise<T>((resolve) => {
        const id = nextId++
        pending.set(id, resolve as (result: unknown) => void)
        child.send({ id, command, argument })
      }),
    stop: async () => {
      if (child.exitCode !== null) return
      const exited = once(child, 'exit')
      child.send({ command: 'stop' })
      const kill = setTimeout(() => child.kill('SIGKILL'), 5000)
      await exited
      clearTimeout(kill)
    },
  }
}

export const startBaselineServer = (databaseUrl: string | undefined, poolSize: number) =>
  startHelper<{ url: string }>('baseline-server.mjs', { BASELINE_DATABASE_URL: databaseUrl ?? '', BASELINE_POOL_SIZE: String(poolSize) })

export const startSmtpSink = () => startHelper<{ port: number }>('smtp-sink.mjs', {})

export const startStreamEmulator = (keys: { apiKey: string; apiSecret: string }) =>
  startHelper<{ url: string }>('stream-emulator-process.ts', { BENCH_STREAM_API_KEY: keys.apiKey, BENCH_STREAM_API_SECRET: keys.apiSecret }, ['--import', 'tsx'])

export interface AppProcess {
  name: string
  url: string
  pid: number
  /** Resident set size now, in MiB (VmRSS of /proc/<pid>/status). */
  rssMiB: () => number
  stop: () => Promise<void>
}

export interface AppOptions {
  name: string
  databaseUrl: string
  sessionSecret: string
  stream: { apiKey: string; apiSecret: string; baseUrl: string }
  /** The SMTP sink's port, or none: mail then stays in the outbox (`kept`), as without SMTP_URL. */
  smtpPort?: number
  logDir: string
  /** Adds --cpu-prof; the profile is written into this folder when the process exits. */
  cpuProfileDir?: string
}

export function readRssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? Number.NaN)
  return kb / 1024
}

/**
 * The app as `pnpm start` runs it (node running server/dist/main.mjs, built from server/src first when stale, in
 * serverEnvironment(); the web build that `pnpm start` also checks is left to B6), in production mode, with rate
 * limits opened wide (one load generator on one address stands for thousands of people) and the given database.
 */
export async function startApp(options: AppOptions): Promise<AppProcess> {
  await buildServerIfStale({ log: () => {} })
  const port = await findFreePort()
  const url = `http://127.0.0.1:${port}`
  const logFile = path.join(options.logDir, `${options.name}.log`)
  const log = openSync(logFile, 'a')
  const generous = '100000000'
  const child = spawn(
    process.execPath,
    [...(options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : []), serverEntry],
    {
      cwd: repoRoot,
      stdio: ['ignore', log, log],
      env: serverEnvironment({
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        PORT: String(port),
        HOST: '127.0.0.1',
        PUBLIC_URL: url,
        DATA_DIR: path.join(options.logDir, `${options.name}-data`),
        DATABASE_URL: options.databaseUrl,
        SESSION_SECRET: options.sessionSecret,
        RATE_LIMIT_PER_MINUTE: generous,
        REGISTRATIONS_PER_IP_PER_MINUTE: generous,
        LOGIN_ATTEMPTS_PER_15_MINUTES: generous,
        STREAM_API_KEY: options.stream.apiKey,
        STREAM_API_SECRET: options.stream.apiSecret,
        STREAM_BASE_URL: options.stream.baseUrl,
        ...(options.smtpPort ? { SMTP_URL: `smtp://127.0.0.1:${options.smtpPort}` } : {}),
      }),
    },
  )
  closeSync(log)
  const killOnExit = () => child.kill('SIGKILL')
  process.once('exit', killOnExit)
  child.once('exit', () => process.removeListener('exit', killOnExit))
  const state = { exitCode: null as number | null }
  child.once('exit', (code) => (state.exitCode = code ?? -1))
  const deadline = Date.now() + 90_000
  for (;;) {
    if (state.exitCode !== null) throw new Error(`${options.name} exited (code ${state.exitCode}) during start-up; see ${logFile}`)
    if (Date.now() > deadline) throw new Error(`${options.name} was not ready within 90 s; see ${logFile}`)
    const ready = await fetch(`${url}/readyz`).then((response) => response.ok, () => false)
    if (ready) break
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return {
    name: options.name,
    url,
    pid: child.pid!,
    rssMiB: () => readRssMiB(child.pid!),
    stop: async () => {
      if (state.exitCode !== null) return
      const exited = once(child, 'exit')
      child.kill('SIGTERM')
      const kill = setTimeout(() => child.kill('SIGKILL'), 15_000)
      await exited
      clearTimeout(kill)
    },
  }
}

/** Samples a process's RSS every `intervalMs` until stopped. */
export function sampleRss(pid: number, intervalMs = 100) {
  const samples: number[] = []
  const take = () => {
    try {
      samples.push(readRssMiB(pid))
    } catch {
      // The process has gone: nothing more to sample.
    }
  }
  take()
  const timer = setInterval(take, intervalMs)
  return {
    samples,
    stop: () => {
      clearInterval(timer)
      take()
      return { maxMiB: Math.max(...samples), firstMiB: samples[0]!, lastMiB: samples.at(-1)! }
    },
  }
}
