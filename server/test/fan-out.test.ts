import { joinTokenPlaceholder } from '@webinar/shared/mailbox'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { registrations } from '../src/db/schema.ts'
import { announceToRegistrants, deliverEmails, sendFollowUps } from '../src/email/email-jobs.ts'
import { createMailTransport, outboxMessageId } from '../src/email/mail-transport.ts'
import type { EmailKind } from '../src/email/render-email.ts'
import { webinarRepository } from '../src/webinars/webinar-repository.ts'
import { killAllServerProcesses, ownerRequest, setUpOwnerOver, startServerProcess } from './support/server-process.ts'
import { startSmtpServer, type SmtpTestServer } from './support/smtp-test-server.ts'
import { createTestApp, csrfHeaders, setUpOwner, type TestApp } from './support/test-app.ts'
import { createTestDatabase, type TestDatabase } from './support/test-database.ts'
import { waitFor } from './support/wait-for.ts'

// The fan-outs (we're live, cancellation, reminders, follow-ups) write their mail a few hundred rows to a statement,
// each body rendered once per kind and time zone with the registrant's name put in by the database; delivery takes
// mails fifty at a time, sends them side by side over the SMTP pool and marks them sent as they go. These tests hold
// that to what it replaced: the same mail, byte for byte, as one rendered for each registrant; nobody left out or
// written twice; and, through a real SMTP server, every mail delivered once when a refusal or a killed process
// interrupts a batch.

const from = 'Webinars <webinars@example.com>'

/** Names and zones that would show a name put in unescaped, in the wrong place, or a zone read wrongly. */
const people: { name: string; timezone: string | null }[] = [
  { name: 'Ada Lovelace', timezone: null },
  { name: `O'Brien & <Sons> "Ltd"`, timezone: 'Europe/Paris' },
  { name: '$& $1 $$ \\ {"a":1} %s', timezone: 'Europe/Berlin' },
  { name: 'Zoë 🎉 日本語', timezone: 'America/New_York' },
  { name: 'Two\nLines', timezone: 'Asia/Tokyo' },
  { name: `Mr ${joinTokenPlaceholder}`, timezone: 'Mars/Olympus_Mons' },
  { name: '<script>alert(1)</script>', timezone: 'Asia/Tokyo' },
]

describe('a fan-out written in steps, from one rendering per kind and time zone', () => {
  let testApp: TestApp
  let cookie: string

  beforeAll(async () => {
    testApp = await createTestApp()
    cookie = await setUpOwner(testApp.app)
  })
  afterAll(async () => {
    await testApp?.close()
  })

  async function webinarWithRegistrants(title: string, count: number) {
    const created = await testApp.app.inject({
      method: 'POST',
      url: '/api/webinars',
      headers: { cookie, ...csrfHeaders },
      payload: {
        title,
        description: 'Line one & <b>two</b>\n"Quoted" and \'single\'',
        startTime: new Date(Date.now() + 30 * 3600_000).toISOString(),
        timezone: 'Europe/Paris',
        durationMinutes: 45,
      },
    })
    expect(created.statusCode, created.body).toBe(201)
    const webinarId = created.json<{ id: string }>().id
    // Many more than a fan-out's first steps, in every status and with the odd names and zones above.
    await testApp.database.pool.query(
      `insert into registrations (webinar_id, email, name, status, join_token_hash, timezone, source)
       select $1, 'fan-' || i || '@example.com', ($2::text[])[1 + i % $3] || ' ' || i,
              (case when i % 10 = 1 then 'pending' when i % 10 = 2 then 'waitlisted' when i % 10 = 3 then 'cancelled' else 'approved' end)::registration_status,
              md5('fan' || i || random()), ($4::text[])[1 + i % $3], 'public'
         from generate_series(1, $5::int) i`,
      [webinarId, people.map((person) => person.name), people.length, people.map((person) => person.timezone), count],
    )
    // One erased person: their address is gone, they get nothing.
    await testApp.database.pool.query(
      `update registrations set erased_at = now() where webinar_id = $1 and email = 'fan-4@example.com'`,
      [webinarId],
    )
    return webinarId
  }

  async function storedMail(webinarId: string, dedupeKey: string) {
    const { rows } = await testApp.database.pool.query<{ registration_id: string; kind: string; subject: string; html: string; text: string; ics: string | null; to_email: string; status: string }>(
      `select registration_id, kind, subject, html, text, ics, to_email, status from email_messages where webinar_id = $1 and dedupe_key = $2`,
      [webinarId, dedupeKey],
    )
    return rows
  }

  /** Each stored mail is the one the outbox renders for that registration on its own. */
  async function expectRenderedForEach(webinarId: string, dedupeKey: string, kindOf: (registrationId: string) => EmailKind, hasReplay = false) {
    const db = testApp.database.db
    const found = (await webinarRepository.findById(db, webinarId))!
    const stored = await storedMail(webinarId, dedupeKey)
    expect(stored.length).toBeGreaterThan(0)
    for (const mail of stored) {
      const [registration] = await db.select().from(registrations).where(eq(registrations.id, mail.registration_id))
      const kind = kindOf(mail.registration_id)
      const expected = await testApp.outbox.compose(db, { registration: registration!, webinar: found.webinar, hostName: found.host.name, kind, hasReplay })
      expect(mail.kind).toBe(kind)
      expect(mail.to_email).toBe(registration!.email)
      expect(mail.subject).toBe(expected.subject)
      expect(mail.html, `the HTML to ${JSON.stringify(registration!.name)} (${registration!.timezone})`).toBe(expected.html)
      expect(mail.text, `the text to ${JSON.stringify(registration!.name)}`).toBe(expected.text)
      expect(mail.ics).toBeNull()
      // No SMTP in this app: kept in the Mailbox.
      expect(mail.status).toBe('kept')
    }
    return stored
  }

  async function registrationIds(webinarId: string, condition: string): Promise<string[]> {
    const { rows } = await testApp.database.pool.query<{ id: string }>(`select id from registrations where webinar_id = $1 and ${condition}`, [webinarId])
    return rows.map((row) => row.id).sort()
  }

  it('writes "we\'re live" to every approved registrant, as rendered for each, and nothing more when run again', async () => {
    const webinarId = await webinarWithRegistrants(`Q&A <live> "today"'s`, 1234)
    const deps = { db: testApp.database.db, outbox: testApp.outbox }
    const approved = await registrationIds(webinarId, `status = 'approved' and erased_at is null`)
    expect(await announceToRegistrants(deps, webinarId, 'live_now', ['approved'])).toBe(approved.length)
    const stored = await expectRenderedForEach(webinarId, 'live_now', () => 'live_now')
    expect(stored.map((mail) => mail.registration_id).sort()).toEqual(approved)
    expect(await announceToRegistrants(deps, webinarId, 'live_now', ['approved'])).toBe(0)
    expect(await storedMail(webinarId, 'live_now')).toHaveLength(stored.length)
  }, 60_000)

  it('writes the cancellation (with each registrant\'s own reading of the start) and the reminders', async () => {
    const webinarId = await webinarWithRegistrants('Cancelled & reminded', 120)
    const deps = { db: testApp.database.db, outbox: testApp.outbox }
    await announceToRegistrants(deps, webinarId, 'webinar_cancelled', ['approved', 'pending', 'waitlisted'])
    const cancelled = await expectRenderedForEach(webinarId, 'webinar_cancelled', () => 'webinar_cancelled')
    expect(cancelled.map((mail) => mail.registration_id).sort()).toEqual(
      await registrationIds(webinarId, `status in ('approved', 'pending', 'waitlisted') and erased_at is null`),
    )
    for (const kind of ['reminder_24h', 'reminder_1h'] as const) {
      await announceToRegistrants(deps, webinarId, kind, ['approved'], `${kind}@test`)
      await expectRenderedForEach(webinarId, `${kind}@test`, () => kind)
    }
  }, 60_000)

  it('follows up with "thanks for attending" or "sorry we missed you", each as rendered for them', async () => {
    const webinarId = await webinarWithRegistrants('Followed up', 90)
    const approved = await registrationIds(webinarId, `status = 'approved' and erased_at is null`)
    const attended = new Set(approved.filter((_, index) => index % 3 === 0))
    await testApp.database.pool.query(
      `insert into registration_attendance (registration_id, webinar_id, watch_seconds, attended) select id, $1, 600, true from unnest($2::uuid[]) id`,
      [webinarId, [...attended]],
    )
    expect(await sendFollowUps({ db: testApp.database.db, outbox: testApp.outbox }, webinarId)).toBe(approved.length)
    await expectRenderedForEach(webinarId, 'follow_up', (id) => (attended.has(id) ? 'follow_up_attended' : 'follow_up_missed'))
    expect(await sendFollowUps({ db: testApp.database.db, outbox: testApp.outbox }, webinarId)).toBe(0)
  }, 60_000)
})

describe('batch delivery through a real SMTP server', () => {
  let smtp: SmtpTestServer
  let mailer: ReturnType<typeof createMailTransport>
  let testApp: TestApp

  beforeAll(async () => {
    smtp = await startSmtpServer()
    mailer = createMailTransport(smtp.url, { from, timeoutMs: 2000 })
    testApp = await createTestApp({ mailer })
  })
  afterAll(async () => {
    await testApp?.close()
    await mailer?.close()
    await smtp?.close()
  })

  it('fails the refused mails of a batch alone, for good on the last attempt, and sends the others once', async () => {
    const cookie = await setUpOwner(testApp.app)
    const created = await testApp.app.inject({
      method: 'POST',
      url: '/api/webinars',
      headers: { cookie, ...csrfHeaders },
      payload: { title: 'Refused in a batch', startTime: new Date(Date.now() + 3600_000).toISOString(), timezone: 'UTC', durationMinutes: 30 },
    })
    const webinarId = created.json<{ id: string }>().id
    // Queued mail without delivery jobs, so the app's own workers leave it to this test.
    const { rows } = await testApp.database.pool.query<{ id: string; to_email: string }>(
      `with registered as (
         insert into registrations (webinar_id, email, name, status, join_token_hash, source)
         select $1, 'batch-' || i || '@example.com', 'Batch ' || i, 'approved', md5('batch' || i || random()), 'public' from generate_series(1, 12) i
         returning id, email)
       insert into email_messages (registration_id, webinar_id, kind, dedupe_key, to_email, subject, html, text, status)
       select id, $1, 'live_now', 'live_now', email, 'We are live', '<p>Join: http://x.test/join/${joinTokenPlaceholder}</p>', 'Join: http://x.test/join/${joinTokenPlaceholder}', 'queued'
         from registered
       returning id, to_email`,
      [webinarId],
    )
    smtp.inject({ at: 'data', action: 'refuse', code: 550 }, 3)
    const deps = { db: testApp.database.db, outbox: testApp.outbox, sender: mailer, joinTokens: testApp.joinTokens, studioTokens: testApp.studioTokens, clock: { now: () => new Date() } }
    const failures = await deliverEmails(deps, rows.map((row) => ({ emailId: row.id, isLastAttempt: true })))

    const { rows: after } = await testApp.database.pool.query<{ id: string; to_email: string; status: string; attempts: number; last_error: string | null }>(
      `select id, to_email, status, attempts, last_error from email_messages where id = any($1)`,
      [rows.map((row) => row.id)],
    )
    const refused = new Set(smtp.injected.flatMap((fault) => fault.to))
    expect(refused.size).toBe(3)
    expect([...failures.keys()].sort()).toEqual(after.filter((row) => refused.has(row.to_email)).map((row) => row.id).sort())
    for (const row of after) {
      expect(row.attempts).toBe(1)
      if (refused.has(row.to_email)) {
        expect(row.status).toBe('failed')
        expect(row.last_error).toMatch(/550/)
      } else {
        expect(row.status).toBe('sent')
        expect(smtp.received.filter((mail) => mail.to.includes(row.to_email)).map((mail) => mail.messageId)).toEqual([outboxMessageId(row.id, from)])
      }
    }
    // Run again (a duplicate job): nothing is queued any more, nothing is sent.
    const receivedBefore = smtp.received.length
    expect((await deliverEmails(deps, rows.map((row) => ({ emailId: row.id, isLastAttempt: false })))).size).toBe(0)
    expect(smtp.received).toHaveLength(receivedBefore)
  }, 60_000)
})

describe('the API process killed in the middle of a delivery batch', () => {
  const approvedCount = 400
  let database: TestDatabase
  let smtp: SmtpTestServer

  beforeAll(async () => {
    database = await createTestDatabase()
    smtp = await startSmtpServer({ delayPerMessageMs: 15 })
  })
  afterAll(async () => {
    await killAllServerProcesses()
    await smtp?.close()
    await database?.drop()
  })

  const count = async (sql: string, values: unknown[] = []) => (await database.pool.query<{ count: number }>(sql, values)).rows[0]!.count

  it('delivers every "we\'re live" mail once: refused ones retried alone, the batch in flight finished by a new process', async () => {
    const env = { DATABASE_URL: database.url, SMTP_URL: smtp.url, MAIL_FROM: from }
    const first = await startServerProcess(env)
    const cookie = await setUpOwnerOver(first.url)
    const webinar = await ownerRequest<{ id: string }>(first.url, cookie, 'POST', '/api/webinars', {
      title: 'Batch kill drill',
      startTime: new Date(Date.now() + 3600_000).toISOString(),
      timezone: 'UTC',
      durationMinutes: 30,
    })
    await database.pool.query(
      `insert into registrations (webinar_id, email, name, status, join_token_hash)
       select $1, 'batch-live-' || i || '@example.com', 'Batch live ' || i, 'approved', md5('bl' || i || random()) from generate_series(1, $2::int) i`,
      [webinar.id, approvedCount],
    )
    const expected = (await database.pool.query<{ email: string }>(`select email from registrations where webinar_id = $1`, [webinar.id])).rows.map((row) => row.email)
    const live = (condition = 'true') =>
      count(`select count(*)::int as count from email_messages where webinar_id = $1 and kind = 'live_now' and ${condition}`, [webinar.id])

    // A few refusals among the first mails: each is retried on its own, after a backoff, while its batch goes on.
    smtp.inject({ at: 'data', action: 'refuse', code: 451 }, 4)
    await ownerRequest(first.url, cookie, 'POST', `/api/webinars/${webinar.id}/start`)
    await waitFor(async () => (smtp.received.length >= 120 ? true : undefined), 60_000, 10)

    // Stop answering: the mails on the wire now stay unanswered (so not taken), the rest of their batch waits.
    smtp.hold()
    await waitFor(async () => (smtp.answering() > 0 && (await live(`status = 'sent'`)) === smtp.received.length ? true : undefined), 10_000, 10)
    const receivedAtKill = smtp.received.length
    const inFlightAtKill = smtp.answering()
    // Claimed for an attempt, neither sent nor failed: the batches this process held.
    const claimedAtKill = await live(`status = 'queued' and attempts > 0`)
    await first.kill()
    await waitFor(async () => (smtp.openConnections() === 0 ? true : undefined), 10_000, 20)
    smtp.release()

    const second = await startServerProcess(env)
    const unfinished = () =>
      count(`select count(*)::int as count from pgboss.job where name in ('email-live-now', 'email-send') and state in ('created', 'retry', 'active')`)
    const isSettled = await waitFor(async () => ((await live(`status = 'sent'`)) === approvedCount && (await unfinished()) === 0 ? true : undefined), 90_000, 250).catch(
      () => false,
    )

    const counts = smtp.countByRecipient()
    const doubled = expected.filter((email) => (counts.get(email) ?? 0) > 1)
    const missing = expected.filter((email) => !counts.has(email))
    const refused = new Set(smtp.injected.flatMap((fault) => fault.to))
    const { rows } = await database.pool.query<{ id: string; to_email: string; attempts: number }>(
      `select id, to_email, attempts from email_messages where webinar_id = $1 and kind = 'live_now'`,
      [webinar.id],
    )
    console.log(
      `batch kill: ${approvedCount} expected, ${counts.size} delivered, ${doubled.length} doubled, ${missing.length} missing; killed after ${receivedAtKill} ` +
        `(${inFlightAtKill} on the wire, ${claimedAtKill} claimed and unsent); ${refused.size} refused once`,
    )
    expect(receivedAtKill).toBeLessThan(approvedCount)
    expect(claimedAtKill, 'the kill came with a batch in flight').toBeGreaterThan(0)
    expect(isSettled).toBe(true)
    expect(doubled).toEqual([])
    expect(missing).toEqual([])
    expect([...counts.keys()].filter((email) => !expected.includes(email))).toEqual([])
    expect(refused.size).toBe(4)
    for (const row of rows) {
      // Each copy carries its row's Message-ID. A refused mail took another attempt, and so did one of a batch the
      // killed process held; a refused one held by it, one more.
      expect(smtp.received.find((mail) => mail.to.includes(row.to_email))?.messageId).toBe(outboxMessageId(row.id, from))
      if (refused.has(row.to_email)) expect(row.attempts).toBeGreaterThanOrEqual(2)
      expect(row.attempts).toBeLessThanOrEqual(3)
    }
    expect(rows.filter((row) => row.attempts >= 2).length).toBeGreaterThanOrEqual(claimedAtKill)
    await second.kill()
  }, 180_000)
})
