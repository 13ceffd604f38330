import { joinTokenPlaceholder } from '@webinar/shared/mailbox'
import { foldLines } from 'ical-generator'

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
