import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMailTransport, outboxMessageId } from '../src/email/mail-transport.ts'
import { startSmtpServer, type SmtpFault, type SmtpTestServer } from './support/smtp-test-server.ts'
import { createTestApp, csrfHeaders, setUpOwner, type TestApp } from './support/test-app.ts'
import { waitFor } from './support/wait-for.ts'

// A real SMTP server that misbehaves in every way a mail relay does: refusing (4xx, 5xx) at RCPT or after DATA,
// dropping the connection (before the greeting, in the middle of DATA) and hanging (never greeting, never
// answering the message). Each registration's confirmation goes through it. Mail must be delayed, never lost
// (once the server behaves, every mail is there) and never doubled (one copy per recipient), except at the one
// edge SMTP cannot close: the server took the message and the connection dropped before its 250 reached us.
// Then the retry sends it again, with the same Message-ID, so the receiving side can tell it is the same mail.

const from = 'Webinars <webinars@example.com>'
let smtp: SmtpTestServer
let mailer: ReturnType<typeof createMailTransport>
let testApp: TestApp
let webinarSlug: string
const figures = { scenarios: 0, faultsInjected: 0, mailsExpected: 0, mailsDelivered: 0, copiesReceived: 0, doubled: 0, doubledWithOneMessageId: 0 }

beforeAll(async () => {
  smtp = await startSmtpServer()
  // Short timeouts, so a hanging server costs a second per attempt here (10 s by default).
  mailer = createMailTransport(smtp.url, { from, timeoutMs: 1000 })
  testApp = await createTestApp({ mailer, env: { REGISTRATIONS_PER_IP_PER_MINUTE: '1000' } })
  const cookie = await setUpOwner(testApp.app)
  const created = await testApp.app.inject({
    method: 'POST',
    url: '/api/webinars',
    headers: { cookie, ...csrfHeaders },
    payload: { title: 'Faulty relay', startTime: new Date(Date.now() + 48 * 3600_000).toISOString(), timezone: 'UTC', durationMinutes: 30 },
  })
  expect(created.statusCode, created.body).toBe(201)
  webinarSlug = created.json<{ slug: string }>().slug
})

afterAll(async () => {
  console.log(
    `mail faults: ${figures.scenarios} scenarios, ${figures.faultsInjected} faults injected, ${figures.mailsExpected} mails expected, ` +
      `${figures.mailsDelivered} delivered, ${figures.copiesReceived} copies received, ${figures.doubled} doubled ` +
      `(${figures.doubledWithOneMessageId} of them with one Message-ID: the accepted-then-dropped edge)`,
  )
  await testApp?.close()
  await mailer?.close()
  await smtp?.close()
})

interface OutboxRow {
  id: string
  to_email: string
  status: string
  attempts: number
  last_error: string | null
}

async function outboxRows(emails: string[]): Promise<OutboxRow[]> {
  const { rows } = await testApp.database.pool.query<OutboxRow>(
    `select id, to_email, status, attempts, last_error from email_messages where to_email = any($1) and kind = 'confirmation'`,
    [emails],
  )
  return rows
}

/** Delivery jobs not finished yet (waiting, retrying or running): none left means nothing more will be sent. */
async function unfinishedDeliveryJobs(): Promise<number> {
  const { rows } = await testApp.database.pool.query<{ count: number }>(
    `select count(*)::int as count from pgboss.job where name = 'email-send' and state in ('created', 'retry', 'active')`,
  )
  return rows[0]!.count
}

/**
 * Registers `count` people while `faults` are queued at the SMTP server, waits until every fault happened, every
 * mail is marked sent and no delivery job is left, and returns what the server received for them.
 */
async function registerThrough(scenario: string, faults: Array<[SmtpFault, number]>, count = 4) {
  figures.scenarios++
  const faultsBefore = smtp.injected.length
  for (const [fault, times] of faults) smtp.inject(fault, times)
  // Greeting faults need new connections: the mailer's pool would otherwise reuse the open ones.
  if (faults.some(([fault]) => fault.at === 'greeting')) smtp.dropConnections()
  const emails = Array.from({ length: count }, (_, index) => `${scenario}-${index}@example.com`)
  const answers = await Promise.all(
    emails.map((email) =>
      testApp.app.inject({ method: 'POST', url: `/api/public/webinars/${webinarSlug}/registrations`, payload: { name: scenario, email } }),
    ),
  )
  expect(answers.map((answer) => answer.statusCode)).toEqual(emails.map(() => 201))

  const startedAt = Date.now()
  await waitFor(
    async () => {
      const rows = await outboxRows(emails)
      const isDone = rows.length === count && rows.every((row) => row.status === 'sent') && smtp.pendingFaults() === 0
      return isDone && (await unfinishedDeliveryJobs()) === 0 ? true : undefined
    },
    60_000,
    200,
  )
  const elapsedMs = Date.now() - startedAt
  const rows = await outboxRows(emails)
  const copies = smtp.received.filter((mail) => mail.to.some((to) => emails.includes(to)))
  const perRecipient = new Map(emails.map((email) => [email, copies.filter((mail) => mail.to.includes(email))]))
  const injected = smtp.injected.slice(faultsBefore)
  const doubled = [...perRecipient.values()].filter((list) => list.length > 1)
  figures.faultsInjected += injected.length
  figures.mailsExpected += count
  figures.mailsDelivered += [...perRecipient.values()].filter((list) => list.length > 0).length
  figures.copiesReceived += copies.length
  figures.doubled += doubled.length
  figures.doubledWithOneMessageId += doubled.filter((list) => new Set(list.map((mail) => mail.messageId)).size === 1).length
  return { emails, rows, copies, perRecipient, injected, elapsedMs }
}

function expectExactlyOnce(result: Awaited<ReturnType<typeof registerThrough>>) {
  for (const [email, copies] of result.perRecipient) {
    expect(copies.length, `${email} received ${copies.length} copies`).toBe(1)
  }
  // Every mail carries the Message-ID derived from its outbox row.
  for (const row of result.rows) {
    expect(result.perRecipient.get(row.to_email)![0]!.messageId).toBe(outboxMessageId(row.id, from))
  }
}

describe('mail through a misbehaving SMTP server', () => {
  it('refused with 4xx at RCPT and after DATA: delayed, then delivered once each', async () => {
    const result = await registerThrough('temporary', [
      [{ at: 'rcpt', action: 'refuse', code: 451 }, 2],
      [{ at: 'data', action: 'refuse', code: 452 }, 2],
    ])
    expect(result.injected).toHaveLength(4)
    expectExactlyOnce(result)
    // Four refused attempts were counted and retried.
    expect(result.rows.reduce((sum, row) => sum + row.attempts, 0)).toBe(result.emails.length + 4)
  }, 70_000)

  it('refused with 5xx at RCPT and after DATA (a misconfigured relay): retried, delivered once the relay accepts', async () => {
    const result = await registerThrough('permanent', [
      [{ at: 'rcpt', action: 'refuse', code: 550 }, 2],
      [{ at: 'data', action: 'refuse', code: 554 }, 2],
    ])
    expect(result.injected).toHaveLength(4)
    expectExactlyOnce(result)
    expect(result.rows.reduce((sum, row) => sum + row.attempts, 0)).toBe(result.emails.length + 4)
  }, 70_000)

  it('dropping the connection before the greeting and in the middle of DATA: nothing lost, nothing doubled', async () => {
    const result = await registerThrough('dropped', [
      [{ at: 'greeting', action: 'drop' }, 2],
      [{ at: 'data', action: 'drop-mid-data' }, 2],
    ])
    expect(result.injected).toHaveLength(4)
    expectExactlyOnce(result)
  }, 70_000)

  it('hanging (never greeting, never answering DATA): each attempt times out, the queue moves on, all delivered once', async () => {
    const result = await registerThrough('hung', [
      [{ at: 'greeting', action: 'hang' }, 1],
      [{ at: 'data', action: 'hang' }, 2],
    ])
    expect(result.injected).toHaveLength(3)
    expectExactlyOnce(result)
    const timedOut = result.rows.filter((row) => row.attempts > 1)
    expect(timedOut.length).toBeGreaterThan(0)
    // Timeouts of a second per attempt, retries with backoff: the hang costs seconds, not the queue.
    expect(result.elapsedMs).toBeLessThan(30_000)
  }, 70_000)

  it('accepted, then the connection dropped before the 250: sent again (at least once), with the same Message-ID', async () => {
    const result = await registerThrough('unacknowledged', [[{ at: 'data', action: 'accept-then-drop' }, 1]], 2)
    expect(result.injected).toHaveLength(1)
    const [hit] = result.injected[0]!.to
    const copies = result.perRecipient.get(hit!)!
    // The server kept both: our side never saw the first 250, so the mail was still `queued` and went again.
    expect(copies).toHaveLength(2)
    const row = result.rows.find((candidate) => candidate.to_email === hit)!
    expect(new Set(copies.map((mail) => mail.messageId))).toEqual(new Set([outboxMessageId(row.id, from)]))
    expect(row).toMatchObject({ status: 'sent', attempts: 2 })
    // The other registrant, untouched by the fault, got exactly one.
    const other = result.emails.find((email) => email !== hit)!
    expect(result.perRecipient.get(other)).toHaveLength(1)
  }, 70_000)
})
