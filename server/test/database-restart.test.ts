import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectDatabase } from '../src/db/client.ts'
import { findFreePort, startEmbeddedPostgres, type EmbeddedDatabase } from '../src/db/embedded-postgres.ts'
import { applyMigrations } from '../src/db/migrate.ts'
import { logHooks, logSerializers } from '../src/http/log-serializers.ts'
import { openEventStream, type ReceivedEvent } from './support/sse-client.ts'
import { createTestApp, csrfHeaders, setUpOwner, type TestApp } from './support/test-app.ts'
import { waitFor } from './support/wait-for.ts'

// PostgreSQL restarts under a registration burst (an upgrade, a failover, a crash): the API must stay up,
// answer 503 in the error shape while the database is away, never lose a registration it acknowledged, and
// recover by itself. This file runs a PostgreSQL of its own on a fixed port, so that it can be stopped and
// started again where the app expects it; the shared test server is never touched.

let directory: string
let port: number
let database: EmbeddedDatabase | undefined
let testApp: TestApp
const logLines: string[] = []
const processFailures: unknown[] = []
const recordProcessFailure = (error: unknown) => processFailures.push(error)

const startDatabase = () => startEmbeddedPostgres(path.join(directory, 'postgres'), { info: () => {}, debug: () => {} }, { unreachableParents: 'open', port })

beforeAll(async () => {
  // An error event nobody listens to (a pg client losing its connection) ends up here: in the real process it
  // is what stopped the API ("second error, exiting").
  process.on('uncaughtException', recordProcessFailure)
  process.on('unhandledRejection', recordProcessFailure)
  directory = await mkdtemp(path.join(os.tmpdir(), 'webinar-restart-pg-'))
  port = await findFreePort()
  database = await startDatabase()
  const url = database.connectionString
  const handle = connectDatabase(url)
  await applyMigrations(handle.pool)
  const logger = pino({ level: 'warn', serializers: logSerializers, hooks: logHooks }, { write: (line: string) => void logLines.push(line) })
  testApp = await createTestApp({
    database: { ...handle, url, drop: handle.close },
    logger,
    env: { REGISTRATIONS_PER_IP_PER_MINUTE: '1000000', RATE_LIMIT_PER_MINUTE: '1000000' },
  })
})

afterAll(async () => {
  await testApp?.close()
  await database?.stop()
  await rm(directory, { recursive: true, force: true })
  process.off('uncaughtException', recordProcessFailure)
  process.off('unhandledRejection', recordProcessFailure)
})

interface Answer {
  email: string
  status: number
  body: { error?: { code?: string; message?: string; requestId?: string } }
}

describe('a PostgreSQL restart during a registration burst', () => {
  it('keeps the process up, answers 503 while the database is away, loses no acknowledged registration, and recovers', async () => {
    const { app, url } = testApp
    const cookie = await setUpOwner(app)
    const created = await app.inject({
      method: 'POST',
      url: '/api/webinars',
      headers: { cookie, ...csrfHeaders },
      payload: { title: 'Restart drill', startTime: new Date(Date.now() + 86_400_000).toISOString(), timezone: 'UTC', durationMinutes: 60 },
    })
    expect(created.statusCode, created.body).toBe(201)
    const webinar = created.json<{ id: string; slug: string }>()
    // An open room stream: it must keep receiving once the hub listens again.
    const roomStream = openEventStream(`${url}/api/rooms/${webinar.id}/events`, { cookie })
    await roomStream.ready

    const register = async (email: string): Promise<Answer> => {
      const response = await fetch(`${url}/api/public/webinars/${webinar.slug}/registrations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Burst', email }),
      })
      return { email, status: response.status, body: (await response.json()) as Answer['body'] }
    }
    const readiness = async () => (await fetch(`${url}/readyz`)).status

    const answers: Answer[] = []
    let isBursting = true
    let sent = 0
    const workers = Array.from({ length: 16 }, async () => {
      while (isBursting) {
        answers.push(await register(`burst-${sent++}@example.com`))
        await new Promise((resolve) => setTimeout(resolve, 10))
      }
    })
    const countAnswered = (status: number) => answers.filter((answer) => answer.status === status).length

    await waitFor(async () => (countAnswered(201) >= 50 ? true : undefined))
    const acknowledgedBeforeStop = countAnswered(201)
    await database!.stop()
    database = undefined
    const readinessWhileDown = await readiness()
    // Down for a while, with requests still coming in.
    await new Promise((resolve) => setTimeout(resolve, 1500))
    const readinessStillDown = await readiness()
    database = await startDatabase()
    await waitFor(async () => ((await readiness()) === 200 ? true : undefined), 20_000)
    const acknowledgedAtRestart = countAnswered(201)
    // Most likely before the hub LISTENs again (it retries with backoff): this one comes by its catch-up.
    const host = { cookie, ...csrfHeaders }
    const early = await app.inject({ method: 'POST', url: `/api/rooms/${webinar.id}/chat`, headers: host, payload: { body: 'Right after the restart' } })
    expect(early.statusCode, early.body).toBe(201)
    await waitFor(async () => (countAnswered(201) >= acknowledgedAtRestart + 50 ? true : undefined), 20_000)
    isBursting = false
    await Promise.all(workers)

    // After the restart: a new registration succeeds, and the open room stream hears new events again.
    const afterwards = await register('after-restart@example.com')
    expect(afterwards.status).toBe(201)
    const chat = await app.inject({ method: 'POST', url: `/api/rooms/${webinar.id}/chat`, headers: host, payload: { body: 'Back again' } })
    expect(chat.statusCode, chat.body).toBe(201)
    const isChat = (body: string) => (event: ReceivedEvent) => event.type === 'chat.message' && (event.data as { body: string }).body === body
    await roomStream.next(isChat('Back again'), 15_000)
    await roomStream.next(isChat('Right after the restart'))
    await roomStream.close()

    const { rows } = await testApp.database.pool.query<{ email: string }>('select email from registrations where webinar_id = $1', [webinar.id])
    const stored = new Set(rows.map((row) => row.email))
    const acknowledged = answers.filter((answer) => answer.status === 201)
    const refused = answers.filter((answer) => answer.status !== 201)
    const figures = {
      requests: answers.length,
      acknowledged: acknowledged.length,
      acknowledgedBeforeStop,
      acknowledgedAfterRestart: acknowledged.length - acknowledgedAtRestart,
      answered503: countAnswered(503),
      acknowledgedAndFound: acknowledged.filter((answer) => stored.has(answer.email)).length,
      refusedButStored: refused.filter((answer) => stored.has(answer.email)).length,
      otherStatuses: [...new Set(refused.filter((answer) => answer.status !== 503).map((answer) => answer.status))],
    }
    console.log('database restart figures', JSON.stringify(figures))
    const messages = logLines.map((line) => (JSON.parse(line) as { msg: string }).msg)
    console.log('log while the database was away', JSON.stringify(Object.fromEntries([...new Set(messages)].map((msg) => [msg, messages.filter((m) => m === msg).length]))))

    expect(processFailures).toEqual([])
    expect(figures.otherStatuses).toEqual([])
    expect(figures.answered503).toBeGreaterThan(0)
    expect(figures.acknowledgedAndFound).toBe(figures.acknowledged)
    for (const answer of refused) {
      expect(answer.body.error).toMatchObject({ code: 'service_unavailable', message: expect.any(String), requestId: expect.any(String) })
    }
    expect(readinessWhileDown).toBe(503)
    expect(readinessStillDown).toBe(503)
    expect(await readiness()).toBe(200)
    expect(logLines.filter((line) => line.includes('"level":50') && line.includes('request failed'))).toEqual([])
  }, 90_000)
})
