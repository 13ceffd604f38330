import { joinTokenPlaceholder } from '@webinar/shared/mailbox'
import { foldLines } from 'ical-generator'
import type { Database } from '../db/client.ts'
import type { JoinTokens } from '../join/join-token.ts'
import { emailMessageRepository } from './email-message-repository.ts'

interface MailBodies {
  html: string
  text: string
  ics: string | null
}

/** RFC 5545 unfolding: a line break followed by a space or tab continues the line. */
const unfold = (ics: string) => ics.replace(/\r\n[ \t]/g, '')

/**
 * A stored mail as its registrant gets it: their join token where the placeholder stands (see
 * joinTokenPlaceholder). The invite's lines are folded at 75 octets and a token is longer than the
 * placeholder, so the invite is unfolded, filled in and folded again.
 */
export function withJoinToken<T extends MailBodies>(mail: T, token: string): T {
  const put = (body: string) => body.replaceAll(joinTokenPlaceholder, token)
  return { ...mail, html: put(mail.html), text: put(mail.text), ics: mail.ics === null ? null : foldLines(put(unfold(mail.ics))) }
}

/**
 * Where the join token of another registration of the same person stands: a series' mail carries one link per
 * occurrence, each its own registration's. Made of the registration id, so the delivery knows whose token it is.
 */
export const joinTokenPlaceholderOf = (registrationId: string) => `__join_token_of_${registrationId.replaceAll('-', '')}__`

const otherPlaceholder = /__join_token_of_([0-9a-f]{32})__/g

const uuidOf = (compact: string) =>
  `${compact.slice(0, 8)}-${compact.slice(8, 12)}-${compact.slice(12, 16)}-${compact.slice(16, 20)}-${compact.slice(20)}`

/** The registrations whose tokens a stored mail's placeholders stand for (other than its own). */
export function otherRegistrationIdsIn(mail: MailBodies): string[] {
  const ids = new Set<string>()
  for (const body of [mail.html, mail.text, mail.ics ?? '']) {
    for (const match of body.matchAll(otherPlaceholder)) ids.add(uuidOf(match[1]!))
  }
  return [...ids]
}

/** The mail with each other registration's token in its placeholder; `tokenOf` knows them (by registration id). */
export function withOtherJoinTokens<T extends MailBodies>(mail: T, tokenOf: ReadonlyMap<string, string>): T {
  const put = (body: string) =>
    body.replace(otherPlaceholder, (placeholder, compact: string) => tokenOf.get(uuidOf(compact)) ?? placeholder)
  return { ...mail, html: put(mail.html), text: put(mail.text), ics: mail.ics === null ? null : foldLines(put(unfold(mail.ics))) }
}

/** A stored mail with the current tokens of the other registrations it links to (a series' mail). */
export async function withSeriesJoinTokens<T extends MailBodies>(db: Database, joinTokens: JoinTokens, mail: T, toEmail: string): Promise<T> {
  const ids = otherRegistrationIdsIn(mail)
  if (ids.length === 0) return mail
  const versions = await emailMessageRepository.joinTokenVersionsFor(db, ids, toEmail)
  return withOtherJoinTokens(mail, new Map(versions.map(({ id, version }) => [id, joinTokens.tokenFor(id, version)])))
}
