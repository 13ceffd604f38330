// Benchmark: N Server-Sent Events clients in one room receive one broadcast chat message.
// Reports the delivery latency distribution (send → each client's receipt) over several rounds.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres pnpm --filter @webinar/bench room-broadcast
//   (CLIENTS=500 ROUNDS=20 by default; without DATABASE_URL an embedded PostgreSQL is started)
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { Agent, setGlobalDispatcher } from 'undici'
import { buildApp } from '../server/src/app.ts'
import { loadConfig } from '../server/src/config.ts'
import { connectDatabase } from '../server/src/db/client.ts'
import { startEmbeddedPostgres } from '../server/src/db/embedded-postgres.ts'
import { applyMigrations } from '../server/src/db/migrate.ts'
import { createJobQueue } from '../server/src/jobs/job-queue.ts'
import { startStandaloneStreamEmulator } from '../server/src/stream-emulator/stream-emulator.ts'
import { createVideoService } from '../server/src/video/video-service.ts'
import { openEventStream } from '../server/test/support/sse-client.ts'

const clients = Number(process.env.CLIENTS ?? 500)
const rounds = Number(process.env.ROUNDS ?? 20)
setGlobalDispatcher(new Agent({ connections: null, pipelining: 0 }))

let adminUrl = process.env.DATABASE_URL
let stopEmbedded: (() => Promise<void>) | undefined
let embeddedDir: string | undefined
if (!adminUrl) {
  embeddedDir = await mkdtemp(path.join(os.tmpdir(), 'bench-pg-'))
  const embedded = await startEmbeddedPostgres(path.join(embeddedDir, 'postgres'), { info: () => {}, debug: () => {} }, { unreachableParents: 'open' })
  adminUrl = embedded.connectionString
  stopEmbedded = embedded.stop
}
const dbName = `bench_${randomBytes(4).toString('hex')}`
const admin = new pg.Client({ connectionString: adminUrl })
await admin.connect()
await admin.query(`create database "${dbName}"`)
const url = new URL(adminUrl)
url.pathname = `/${dbName}`
const database = connectDatabase(url.toString(), { max: 20 })
await applyMigrations(database.pool)

const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'silent', RATE_LIMIT_PER_MINUTE: '1000000' })
const keys = { apiKey: 'bench', apiSecret: 'bench-secret-0123456789' }
const stream = await startStandaloneStreamEmulator(keys)
const clock = { now: () => new Date() }
const jobs = createJobQueue({ connectionString: url.toString(), retryDelaySeconds: 5, logger: { error: () => {}, warn: () => {} } })
await jobs.start()
const app = await buildApp({
  config,
  database,
  clock,
  sessionSecret: 'bench-session-secret-0123456789-abcdefghij',
  video: createVideoService({ ...keys, baseUrl: stream.url, timeoutMs: 3000, callType: 'webinar', clock }),
  jobs,
  mailer: { isConfigured: false, send: async () => ({ messageId: '' }) },
})
const base = await app.listen({ port: 0, host: '127.0.0.1' })

const setup = await fetch(`${base}/api/setup`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email: 'bench@example.com', name: 'Bench Host', password: 'bench password 1' }),
})
const cookie = setup.headers.get('set-cookie')!.split(';')[0]!
const hostHeaders = { cookie, 'content-type': 'application/json', 'x-requested-with': 'webinar-app' }
const webinar = (await (
  await fetch(`${base}/api/webinars`, {
    method: 'POST',
    headers: hostHeaders,
    body: JSON.stringify({ title: 'Bench room', startTime: new Date(Date.now() + 3600_000).toISOString(), timezone: 'UTC', durationMinutes: 60 }),
  })
).json()) as { id: string }

console.log(`opening ${clients} SSE clients…`)
const streams = Array.from({ length: clients }, () => openEventStream(`${base}/api/rooms/${webinar.id}/events`, { cookie }))
await Promise.all(streams.map((stream) => stream.ready))

const latencies: number[] = []
for (let round = 0; round < rounds; round++) {
  const body = `broadcast ${round}`
  const sentAt = performance.now()
  const receipts = streams.map((stream) =>
    stream.next((event) => event.type === 'chat.message' && (event.data as { body: string }).body === body, 10_000).then(() => performance.now() - sentAt),
  )
  await fetch(`${base}/api/rooms/${webinar.id}/chat`, { method: 'POST', headers: hostHeaders, body: JSON.stringify({ body }) })
  latencies.push(...(await Promise.all(receipts)))
}
latencies.sort((a, b) => a - b)
const quantile = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]!.toFixed(1)
console.log(`${clients} clients × ${rounds} broadcasts = ${latencies.length} deliveries`)
console.log(`delivery latency ms: p50 ${quantile(0.5)}  p90 ${quantile(0.9)}  p99 ${quantile(0.99)}  max ${latencies.at(-1)!.toFixed(1)}`)
console.log(`memory: rss ${(process.memoryUsage().rss / 1048576).toFixed(0)} MiB (server and clients in one process)`)

await Promise.all(streams.map((stream) => stream.close()))
await app.close()
await jobs.stop()
await stream.close()
await database.close()
await admin.query(`drop database "${dbName}" with (force)`)
await admin.end()
await stopEmbedded?.()
if (embeddedDir) await rm(embeddedDir, { recursive: true, force: true })

