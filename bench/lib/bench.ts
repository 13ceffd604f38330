// What every scenario is given: the run's size, its database server, Stream emulator and SMTP sink, the secrets the
// app instances share, and a way to start (and always stop) app instances and open a pool on a scenario's database.
import pg from 'pg'
import type { JoinTokens } from '../../server/src/join/join-token.ts'
import type { DatabaseServer } from './database.ts'
import { startApp, type AppProcess, type Helper } from './processes.ts'
import type { Target } from './report.ts'

export interface Bench {
  isQuick: boolean
  database: DatabaseServer
  emulator: Helper<{ url: string }>
  smtp: Helper<{ port: number }>
  streamKeys: { apiKey: string; apiSecret: string }
  sessionSecret: string
  /** The app's join-link derivation with the run's SESSION_SECRET: seeded rows get working links. */
  joinTokens: JoinTokens
  logDir: string
  /** Starts an app instance on the database; `isMailed` gives it SMTP_URL (the sink), else mail stays in the outbox. */
  startApp: (name: string, databaseUrl: string, options?: { isMailed?: boolean }) => Promise<AppProcess>
  /** A small pool on a scenario's database for seeding and checks, closed with the scenario. */
  openPool: (databaseUrl: string) => pg.Pool
}

/** What a scenario reports. */
export interface Recorder {
  figure: (label: string, value: number | string) => void
  note: (text: string) => void
  /** Recorded under this scenario, or under `scenario` (B7's figures come from B1 and B2). */
  target: (target: Omit<Target, 'scenario'> & { scenario?: string }) => void
  check: (check: string, pass: boolean, detail: string, scenario?: string) => void
}

export interface Scenario {
  id: string
  title: string
  run: (bench: Bench, record: Recorder) => Promise<void>
}

/** Scenario-scoped resources, released however the scenario ends. */
export function scenarioResources(base: Omit<Bench, 'startApp' | 'openPool'>, options: { cpuProfileDir?: string }) {
  const apps: AppProcess[] = []
  const pools: pg.Pool[] = []
  const bench: Bench = {
    ...base,
    async startApp(name, databaseUrl, { isMailed = true } = {}) {
      const app = await startApp({
        name,
        databaseUrl,
        sessionSecret: base.sessionSecret,
        stream: { ...base.streamKeys, baseUrl: base.emulator.ready.url },
        ...(isMailed ? { smtpPort: base.smtp.ready.port } : {}),
        logDir: base.logDir,
        ...(options.cpuProfileDir ? { cpuProfileDir: options.cpuProfileDir } : {}),
      })
      apps.push(app)
      // Stream's own webhooks (the call went live, …) go to the newest instance, as they would to a balancer.
      await base.emulator.call('setWebhookUrl', `${app.url}/api/stream/webhooks`)
      return app
    },
    openPool(databaseUrl) {
      const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 })
      // Dropping the database at the end ends its sessions, maybe before an ended pool's sockets are closed.
      pool.on('error', () => {})
      pools.push(pool)
      return pool
    },
  }
  return {
    bench,
    async release() {
      await Promise.all(apps.splice(0).map((app) => app.stop()))
      await Promise.all(pools.splice(0).map((pool) => pool.end()))
    },
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Waits until `condition` holds or `timeoutMs` passes; returns whether it held. */
export async function waitUntil(condition: () => Promise<boolean>, timeoutMs: number, intervalMs = 200): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (await condition()) return true
    if (Date.now() > deadline) return false
    await sleep(intervalMs)
  }
}

/** Waits until `read` gives the same value twice a second apart (requests still in flight have landed). */
export async function waitUntilSettled(read: () => Promise<number>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let last = await read()
  while (Date.now() < deadline) {
    await sleep(1000)
    const now = await read()
    if (now === last) return
    last = now
  }
}

/** Mail still waiting for delivery in a scenario's database. */
export async function queuedMail(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ count: string }>(`select count(*) from email_messages where status = 'queued'`)
  return Number(rows[0]!.count)
}

export const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits
