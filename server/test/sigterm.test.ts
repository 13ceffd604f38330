import http from 'node:http'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { killAllServerProcesses, ownerRequest, setUpOwnerOver, startServerProcess } from './support/server-process.ts'
import { startSmtpServer, type SmtpTestServer } from './support/smtp-test-server.ts'
import { createTestDatabase, type TestDatabase } from './support/test-database.ts'
import { waitFor } from './support/wait-for.ts'

// SIGTERM (docker stop, a rolling deploy) while registrations are in flight: every request the server had taken
// gets a whole answer (201, or a 503 that says so, never a reset connection), the process exits with 0 within its
// grace, and every registration answered 201 is in the database. The registrations are held in flight by the
// database: the test holds the webinar's row lock (registrations take it, FOR UPDATE), so the server has them all
// in hand when the signal comes. A few more are slow on the wire (their body trickles in over the signal), and
// the SMTP server is slow, so deliveries are running when the job queue stops.

let database: TestDatabase
let smtp: SmtpTestServer
let locker: pg.Client | undefined

beforeAll(async () => {
  database = await createTestDatabase()
  smtp = await startSmtpServer({ delayPerMessageMs: 300 })
})

afterAll(async () => {
  await killAllServerProcesses()
  await locker?.end().catch(() => {})
  await smtp?.close()
  await database?.drop()
})

interface Answer {
  email: string
  kind: 'fast' | 'slow' | 'after-signal' | 'keep-alive'
  status?: number
  body?: string
  /** The answer's Connection header. */
  connection?: string
  /** A network error (code) instead of an answer. */
  error?: string
}

/**
 * POSTs a registration on a connection of its own. `trickle` sends the headers and half the body at once and
 * the rest when the promise it is given resolves, so the request is in the server's hands across the signal.
 */
function register(
  url: string,
  slug: string,
  email: string,
  kind: Answer['kind'],
  trickle?: Promise<unknown>,
  agent?: http.Agent,
): { sent: Promise<void>; answer: Promise<Answer> } {
  const body = Buffer.from(JSON.stringify({ name: 'Terminated', email }))
  let markSent: () => void = () => {}
  const sent = new Promise<void>((resolve) => (markSent = resolve))
  const answer = new Promise<Answer>((resolve) => {
    const request = http.request(`${url}/api/public/webinars/${slug}/registrations`, {
      method: 'POST',
      agent: agent ?? false,
      headers: { 'content-type': 'application/json', 'content-length': body.length },
    })
    request.on('response', (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => resolve({ email, kind, status: response.statusCode, body: Buffer.concat(chunks).toString(), connection: response.headers.connection }))
      response.on('error', (error: NodeJS.ErrnoException) => resolve({ email, kind, error: error.code ?? error.message }))
    })
    request.on('error', (error: NodeJS.ErrnoException) => resolve({ email, kind, error: error.code ?? error.message }))
    if (!trickle) {
      request.end(body, markSent)
      return
    }
    const half = Math.floor(body.length / 2)
    request.flushHeaders()
    request.write(body.subarray(0, half), () => markSent())
    void trickle.then(() => request.end(body.subarray(half)))
  })
  return { sent, answer }
}

describe('SIGTERM under load', () => {
  it('answers every request in flight, exits with 0 in time, and keeps every acknowledged registration', async () => {
    const server = await startServerProcess({
      DATABASE_URL: database.url,
      SMTP_URL: smtp.url,
      REGISTRATIONS_PER_IP_PER_MINUTE: '100000',
      RATE_LIMIT_PER_MINUTE: '100000',
    })
    const cookie = await setUpOwnerOver(server.url)
    const webinar = await ownerRequest<{ id: string; slug: string }>(server.url, cookie, 'POST', '/api/webinars', {
      title: 'Terminated',
      startTime: new Date(Date.now() + 86_400_000).toISOString(),
      timezone: 'UTC',
      durationMinutes: 30,
    })
    // A few registrations before the burst: the SMTP server holds their confirmations unanswered, so deliveries
    // are running when the signal comes; it answers them while the job queue stops.
    smtp.hold()
    const early = await Promise.all(Array.from({ length: 6 }, (_, index) => register(server.url, webinar.slug, `early-${index}@example.com`, 'fast').answer))
    expect(early.map((answer) => answer.status)).toEqual(early.map(() => 201))
    await waitFor(async () => (smtp.answering() > 0 ? true : undefined))

    locker = new pg.Client({ connectionString: database.url })
    await locker.connect()
    await locker.query('begin')
    await locker.query('select id from webinars where id = $1 for update', [webinar.id])

    const fastCount = 40
    const slowCount = 4
    let endTrickle: () => void = () => {}
    const trickle = new Promise<void>((resolve) => (endTrickle = resolve))
    const fast = Array.from({ length: fastCount }, (_, index) => register(server.url, webinar.slug, `fast-${index}@example.com`, 'fast'))
    const slow = Array.from({ length: slowCount }, (_, index) => register(server.url, webinar.slug, `slow-${index}@example.com`, 'slow', trickle))
    // Keep-alive connections, each with one registration in flight and a second one queued behind it on the same
    // socket: the second goes out once the first is answered, after the signal.
    const keepAliveAgents = Array.from({ length: 3 }, () => new http.Agent({ keepAlive: true, maxSockets: 1 }))
    const keptAlive = keepAliveAgents.flatMap((agent, index) => [
      register(server.url, webinar.slug, `kept-${index}-a@example.com`, 'keep-alive', undefined, agent),
      register(server.url, webinar.slug, `kept-${index}-b@example.com`, 'keep-alive', undefined, agent),
    ])
    const keptAliveFirst = keptAlive.filter((_, index) => index % 2 === 0)
    const keptAliveSecond = keptAlive.filter((_, index) => index % 2 === 1)
    await Promise.all([...fast, ...slow, ...keptAliveFirst].map((request) => request.sent))
    // The fast registrations are inside the server: as many as its pool has connections (10) wait for the
    // webinar's row, the rest for a connection.
    await waitFor(async () => {
      const { rows } = await database.pool.query<{ count: number }>(
        `select count(*)::int as count from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and pid <> $1`,
        [(locker as unknown as { processID: number }).processID],
      )
      return rows[0]!.count >= 8 ? true : undefined
    }, 15_000)
    // Every request was written to its socket; a moment more and the server has surely read them all.
    await new Promise((resolve) => setTimeout(resolve, 300))

    const deliveriesAtSignal = smtp.answering()
    const signalledAt = Date.now()
    server.child.kill('SIGTERM')
    await new Promise((resolve) => setTimeout(resolve, 300))
    // New requests after the signal: refused at connect (the listener is closed) or a 503, never taken halfway.
    const afterSignal = Array.from({ length: 5 }, (_, index) => register(server.url, webinar.slug, `after-${index}@example.com`, 'after-signal').answer)
    await new Promise((resolve) => setTimeout(resolve, 300))
    await locker.query('commit')
    await locker.end()
    locker = undefined
    endTrickle()
    smtp.release()

    const answers = await Promise.all([...fast, ...slow, ...keptAliveFirst].map((request) => request.answer))
    const late = await Promise.all(afterSignal)
    const queuedBehind = await Promise.all(keptAliveSecond.map((request) => request.answer))
    for (const agent of keepAliveAgents) agent.destroy()
    const exit = await server.exited
    const exitedInMs = Date.now() - signalledAt

    const { rows } = await database.pool.query<{ email: string }>('select email from registrations where webinar_id = $1', [webinar.id])
    const stored = new Set(rows.map((row) => row.email))
    const { rows: mails } = await database.pool.query<{ to_email: string; status: string }>(
      `select to_email, status from email_messages where webinar_id = $1 and kind = 'confirmation'`,
      [webinar.id],
    )
    const acknowledged = answers.filter((answer) => answer.status === 201)
    const refused503 = answers.filter((answer) => answer.status === 503)
    const broken = [...answers, ...queuedBehind].filter((answer) => answer.status !== 201 && answer.status !== 503)
    const delivered = smtp.received.flatMap((mail) => mail.to)
    console.log(
      `sigterm: ${answers.length} in flight (${fastCount} held by the database, ${slowCount} slow on the wire, ${keptAliveFirst.length} on keep-alive ` +
        `connections): ${acknowledged.length} answered 201, ${refused503.length} answered 503, ${broken.length} broken; ` +
        `${queuedBehind.length} queued behind them on their keep-alive connection: ${queuedBehind.map((answer) => answer.status ?? answer.error).join(', ')}; ` +
        `${late.length} sent after the signal: ` +
        `${JSON.stringify(Object.fromEntries([...new Set(late.map((answer) => answer.error ?? answer.status))].map((key) => [key, late.filter((answer) => (answer.error ?? answer.status) === key).length])))}; ` +
        `exit code ${exit.code} after ${exitedInMs} ms; ${acknowledged.filter((answer) => stored.has(answer.email)).length}/${acknowledged.length} acknowledged registrations stored; ` +
        `${deliveriesAtSignal} deliveries running at the signal; ${mails.filter((mail) => mail.status === 'sent').length} confirmations sent, ` +
        `${mails.filter((mail) => mail.status === 'queued').length} still queued for the next start`,
    )

    expect(broken, JSON.stringify(broken)).toEqual([])
    // Everything the server had in hand before the signal was finished, not refused.
    expect(acknowledged).toHaveLength(answers.length)
    // A request arriving on an open keep-alive connection while the server drains: a 503 that closes the connection.
    for (const answer of queuedBehind) expect(answer).toMatchObject({ status: 503, connection: 'close' })
    for (const answer of acknowledged) expect(JSON.parse(answer.body!)).toBeTypeOf('object')
    for (const answer of late) expect(answer.error === 'ECONNREFUSED' || answer.status === 503, JSON.stringify(answer)).toBe(true)
    expect(exit).toEqual({ code: 0, signal: null })
    expect(exitedInMs).toBeLessThan(9000)
    for (const answer of acknowledged) expect(stored.has(answer.email), `${answer.email} was acknowledged but is not stored`).toBe(true)
    // Each stored registration has its confirmation in the outbox (same transaction), none for the refused.
    expect(new Set(mails.map((mail) => mail.to_email))).toEqual(stored)
    // The deliveries running at the signal finished and were marked sent: nothing the SMTP server took is left
    // queued, to be sent again by the next start.
    expect(delivered.length).toBeGreaterThanOrEqual(deliveriesAtSignal)
    for (const email of delivered) expect(mails.find((mail) => mail.to_email === email)?.status, email).toBe('sent')
    expect(server.output()).not.toMatch(/"level":50/)
  }, 90_000)
})
