import ICAL from 'ical.js'
import { simpleParser } from 'mailparser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { deliverEmail, sendFollowUps } from '../src/email/email-jobs.ts'
import { createMailTransport } from '../src/email/mail-transport.ts'
import { startSmtpServer } from './support/smtp-test-server.ts'
import { createTestApp, csrfHeaders, setUpOwner, type TestApp } from './support/test-app.ts'
import { waitFor } from './support/wait-for.ts'

// A real SMTP server that refuses the first two deliveries with a temporary error (451): mail must be
// delayed, never lost, and never sent twice.
let refusalsLeft = 2
let smtp: Awaited<ReturnType<typeof startSmtpServer>>
let mailer: ReturnType<typeof createMailTransport>
let testApp: TestApp
let ownerCookie: string

beforeAll(async () => {
  smtp = await startSmtpServer({
    onMailFrom(_address, _session, callback) {
      if (refusalsLeft > 0) {
        refusalsLeft--
        const error = Object.assign(new Error('Try again later'), { responseCode: 451 })
        return callback(error)
      }
      callback()
    },
  })
  mailer = createMailTransport(`smtp://127.0.0.1:${smtp.port}`, { from: 'Webinars <webinars@example.com>', timeoutMs: 3000 })
  testApp = await createTestApp({ mailer })
  ownerCookie = await setUpOwner(testApp.app)
})
afterAll(async () => {
  await testApp.close()
  await mailer.close()
  await smtp.close()
})

async function createWebinar(title: string, extra: Record<string, unknown> = {}) {
  const response = await testApp.app.inject({
    method: 'POST',
    url: '/api/webinars',
    headers: { cookie: ownerCookie, ...csrfHeaders },
    payload: { title, startTime: new Date(Date.now() + 48 * 3600_000).toISOString(), timezone: 'Asia/Tokyo', durationMinutes: 30, ...extra },
  })
  return response.json()
}

describe('mail through SMTP', () => {
  it('delivers the confirmation after the server refused twice, once, with a working link and invite', async () => {
    const webinar = await createWebinar('Delivered')
    const registered = await testApp.app.inject({
      method: 'POST',
      url: `/api/public/webinars/${webinar.slug}/registrations`,
      payload: { name: 'Mia', email: 'mia@example.com', timezone: 'Europe/Berlin' },
    })
    expect(registered.statusCode).toBe(201)

    const sent = await waitFor(async () => {
      const { rows } = await testApp.database.pool.query(`select * from email_messages where to_email = 'mia@example.com'`)
      return rows[0]?.status === 'sent' ? rows[0] : undefined
    }, 30_000)
    expect(sent.attempts).toBe(3)
    expect(smtp.received).toHaveLength(1)

    const parsed = await simpleParser(smtp.received[0]!.raw)
    expect(parsed.subject).toContain('Delivered')
    const joinLink = /\/join\/([A-Za-z0-9_-]{43})/.exec(parsed.text ?? '')![1]!
    const invite = () => parsed.attachments.find((attachment) => attachment.contentType.startsWith('text/calendar'))!
    const view = await testApp.app.inject({ method: 'GET', url: `/api/join/${joinLink}` })
    expect(view.json().registration).toMatchObject({ name: 'Mia', status: 'approved' })
    // The link is put in on the way out: the outbox row (what admins and backups read) never held it.
    expect([sent.html, sent.text, sent.ics].join()).not.toContain(joinLink)
    expect(invite().content.toString('utf8').replace(/\r\n[ \t]/g, '')).toContain(`/join/${joinLink}`)
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(invite().content.toString('utf8'))).getFirstSubcomponent('vevent')!)
    // iCalendar has whole seconds.
    expect(event.startDate.toJSDate().getTime()).toBe(Math.floor(Date.parse(webinar.startTime) / 1000) * 1000)

    // The job running again (a retry after a crash, a duplicate) sends nothing more.
    await deliverEmail({ db: testApp.database.db, outbox: testApp.outbox, sender: mailer, joinTokens: testApp.joinTokens, studioTokens: testApp.studioTokens, clock: { now: () => new Date() } }, sent.id, false)
    expect(smtp.received).toHaveLength(1)
  }, 40_000)

  it('follows up after the end: attended or missed from Stream’s participant webhooks, with the replay', async () => {
    // Whoever came at all counts as attended here (threshold 0): the join and leave below are an instant apart.
    const webinar = await createWebinar('Followed up', { attendedThresholdSeconds: 0 })
    for (const [name, email] of [
      ['Came', 'came@example.com'],
      ['Skipped', 'skipped@example.com'],
    ]) {
      await testApp.app.inject({ method: 'POST', url: `/api/public/webinars/${webinar.slug}/registrations`, payload: { name, email } })
    }
    const { rows } = await testApp.database.pool.query<{ id: string; email: string }>('select id, email from registrations where webinar_id = $1', [webinar.id])
    const came = rows.find((row) => row.email === 'came@example.com')!
    await testApp.app.inject({ method: 'POST', url: `/api/webinars/${webinar.id}/start`, headers: { cookie: ownerCookie, ...csrfHeaders } })
    testApp.emulator.joinParticipant(webinar.streamCallType, webinar.streamCallId, `reg_${came.id}`, { role: 'viewer' })
    testApp.emulator.leaveParticipant(webinar.streamCallType, webinar.streamCallId, `reg_${came.id}`)
    testApp.emulator.makeRecordingReady(webinar.streamCallType, webinar.streamCallId)
    await testApp.emulator.whenWebhooksDelivered()
    await testApp.app.inject({ method: 'POST', url: `/api/webinars/${webinar.id}/end`, headers: { cookie: ownerCookie, ...csrfHeaders } })

    const deps = { db: testApp.database.db, outbox: testApp.outbox }
    expect(await sendFollowUps(deps, webinar.id)).toBe(2)
    expect(await sendFollowUps(deps, webinar.id)).toBe(0)
    const { rows: mails } = await testApp.database.pool.query<{ to_email: string; kind: string; text: string }>(
      `select to_email, kind, text from email_messages where webinar_id = $1 and kind like 'follow_up%'`,
      [webinar.id],
    )
    expect(Object.fromEntries(mails.map((mail) => [mail.to_email, mail.kind]))).toEqual({
      'came@example.com': 'follow_up_attended',
      'skipped@example.com': 'follow_up_missed',
    })
    expect(mails.every((mail) => /recording|replay/i.test(mail.text))).toBe(true)
  }, 40_000)
})
