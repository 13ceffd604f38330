import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { joinTokenPlaceholder } from '@webinar/shared/mailbox'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withJoinToken } from '../src/email/personal-link.ts'
import { createTestApp, csrfHeaders, setUpOwner, type TestApp } from './support/test-app.ts'

// Stored mail never holds a working personal link: the outbox row (what every admin's Mailbox and every backup
// reads) has a placeholder where the join token goes, and delivery puts the token in (mail-delivery.test.ts shows
// the delivered mail works). Mail written before that change loses its tokens in migration 0006.

let testApp: TestApp
let ownerCookie: string
let slug: string
beforeAll(async () => {
  testApp = await createTestApp()
  ownerCookie = await setUpOwner(testApp.app)
  const created = await testApp.app.inject({
    method: 'POST',
    url: '/api/webinars',
    headers: { cookie: ownerCookie, ...csrfHeaders },
    payload: { title: 'A title long enough that the calendar invite folds its lines', startTime: new Date(Date.now() + 86_400_000).toISOString(), timezone: 'UTC', durationMinutes: 30 },
  })
  slug = created.json<{ slug: string }>().slug
})
afterAll(() => testApp.close())

interface StoredMail {
  id: string
  html: string
  text: string
  ics: string | null
  registration_id: string
  status: string
}

async function registerAndReadStored(email: string): Promise<{ stored: StoredMail; token: string }> {
  const response = await testApp.app.inject({ method: 'POST', url: `/api/public/webinars/${slug}/registrations`, payload: { name: 'Stored', email } })
  expect(response.statusCode, response.body).toBe(201)
  const { rows } = await testApp.database.pool.query<StoredMail & { version: number }>(
    `select m.id, m.html, m.text, m.ics, m.registration_id, m.status, r.join_token_version as version
       from email_messages m join registrations r on r.id = m.registration_id where m.to_email = $1`,
    [email],
  )
  const row = rows[0]!
  return { stored: row, token: testApp.joinTokens.tokenFor(row.registration_id, row.version) }
}

const mailbox = (id: string) => testApp.app.inject({ method: 'GET', url: `/api/mailbox/${id}`, headers: { cookie: ownerCookie } })

describe('stored mail', () => {
  it('holds the placeholder, never the join token, in its HTML, text and invite', async () => {
    const { stored, token } = await registerAndReadStored('holder@example.com')
    for (const body of [stored.html, stored.text, stored.ics!]) {
      expect(body).not.toContain(token)
      expect(body.replace(/\r\n[ \t]/g, '')).toContain(joinTokenPlaceholder)
    }
  })

  it('shows the working link in the Mailbox only while it is kept there (no SMTP: the Mailbox is its delivery)', async () => {
    const { stored, token } = await registerAndReadStored('kept@example.com')
    expect(stored.status).toBe('kept')
    const kept = await mailbox(stored.id)
    expect(kept.json().text).toContain(`/join/${token}`)
    expect(kept.json().ics.replace(/\r\n[ \t]/g, '')).toContain(`/join/${token}`)

    // Once it goes out through a mail server, the admin's copy is the stored one: the link is not theirs to read.
    await testApp.database.pool.query(`update email_messages set status = 'sent', sent_at = now() where id = $1`, [stored.id])
    const sent = await mailbox(stored.id)
    expect(sent.json().text).toContain(`/join/${joinTokenPlaceholder}`)
    expect(sent.body).not.toContain(token)
  })

  it('written before the placeholder loses its tokens in migration 0006, and is delivered as before', async () => {
    const { stored, token } = await registerAndReadStored('legacy@example.com')
    // What the previous version stored: the mail as delivered, token and folded invite included.
    const legacy = withJoinToken(stored, token)
    expect(legacy.html).toContain(token)
    await testApp.database.pool.query(`update email_messages set html = $2, text = $3, ics = $4 where id = $1`, [stored.id, legacy.html, legacy.text, legacy.ics])

    const migration = await readFile(path.resolve(import.meta.dirname, '../../migrations/0006_stored_mail_without_join_links.sql'), 'utf8')
    await testApp.database.pool.query(migration)
    const { rows } = await testApp.database.pool.query<StoredMail>(`select id, html, text, ics, registration_id, status from email_messages where id = $1`, [stored.id])
    const migrated = rows[0]!
    expect([migrated.html, migrated.text, migrated.ics].join()).not.toContain(token)
    expect(migrated.html).toBe(stored.html)
    expect(migrated.text).toBe(stored.text)
    const bodies = ({ html, text, ics }: StoredMail) => ({ html, text, ics })
    expect(withJoinToken(bodies(migrated), token)).toEqual(withJoinToken(bodies(stored), token))
  })
})
