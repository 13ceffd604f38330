import { registrantCalendarInvite, registrantLinks } from '../email/outbox.ts'
import { findByJoinToken, type JoinTokenLookupDependencies } from './find-by-join-token.ts'

/** The registration's calendar invite, the same one its confirmation mail carries. */
export async function getCalendarInvite(
  deps: JoinTokenLookupDependencies & { publicUrl: string },
  token: string,
): Promise<{ filename: string; ics: string }> {
  const { registration, webinar, host } = await findByJoinToken(deps, token)
  const links = registrantLinks(deps.publicUrl, deps.joinTokens, registration, webinar)
  return { filename: `${webinar.slug}.ics`, ics: registrantCalendarInvite(registration, webinar, host.name, links.join) }
}
