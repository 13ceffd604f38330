import { joinTokenPlaceholder } from '@webinar/shared/mailbox'
import { withJoinToken } from '../../src/email/personal-link.ts'
import type { TestApp } from './test-app.ts'

/**
 * The newest mail to `email` that carries a personal link (of one of `kinds`, if given), as its registrant
 * receives it: with their join token where the stored mail has the placeholder, as delivery puts it in.
 */
export async function mailAsDelivered(testApp: TestApp, email: string, kinds?: string[]) {
  const { rows } = await testApp.database.pool.query<{ html: string; text: string; ics: string | null; registration_id: string; version: number }>(
    `select m.html, m.text, m.ics, m.registration_id, r.join_token_version as version
       from email_messages m join registrations r on r.id = m.registration_id
      where m.to_email = $1 and ($2::text[] is null or m.kind::text = any($2)) and position($3 in m.text) > 0
      order by m.created_at desc limit 1`,
    [email, kinds ?? null, joinTokenPlaceholder],
  )
  const row = rows[0]
  if (!row) throw new Error(`no mail with a personal link to ${email}`)
  return withJoinToken(row, testApp.joinTokens.tokenFor(row.registration_id, row.version))
}

/** The join token in the newest mail to `email` with a personal link: what the registrant follows. */
export async function joinTokenMailedTo(testApp: TestApp, email: string, kinds?: string[]): Promise<string> {
  const { text } = await mailAsDelivered(testApp, email, kinds)
  return /\/join\/([A-Za-z0-9_-]{43})/.exec(text)![1]!
}

/** The studio token in the newest invitation to the guest speaker `email`: what the panelist follows. */
export async function studioTokenMailedTo(testApp: TestApp, email: string): Promise<string> {
  const { rows } = await testApp.database.pool.query<{ text: string; speaker_id: string; version: number }>(
    `select m.text, m.speaker_id, s.studio_token_version as version
       from email_messages m join webinar_speakers s on s.id = m.speaker_id
      where m.to_email = $1 and m.kind = 'speaker_invitation'
      order by m.created_at desc limit 1`,
    [email],
  )
  const row = rows[0]
  if (!row) throw new Error(`no speaker invitation to ${email}`)
  const { text } = withJoinToken({ html: '', text: row.text, ics: null }, testApp.studioTokens.tokenFor(row.speaker_id, row.version))
  return /\/stage\/([A-Za-z0-9_-]{43})/.exec(text)![1]!
}
