import { AppError, notFound } from '../errors.ts'
import type { RegistrationRow } from '../registrations/registration-repository.ts'
import type { HostRow, WebinarRow } from '../webinars/webinar-repository.ts'
import type { JoinLinkLookup } from './join-link-lookup.ts'
import type { JoinTokens } from './join-token.ts'

export interface JoinTokenLookupDependencies {
  joinTokens: JoinTokens
  findJoinLink: JoinLinkLookup
}

/** What a personal link leads to: the registration, its webinar and the webinar's host. */
export interface JoinTokenTarget {
  registration: RegistrationRow
  webinar: WebinarRow
  host: HostRow
}

/** The registration behind a personal link (only its current one), with its webinar. */
export async function findByJoinToken({ joinTokens, findJoinLink }: JoinTokenLookupDependencies, token: string): Promise<JoinTokenTarget> {
  const found = await findJoinLink(joinTokens.hash(token))
  if (!found) throw new AppError('not_found', 'This link is not valid: it may have been replaced by a newer one. Check your latest e-mail.')
  const { registration, webinar, host } = found
  if (!webinar || !host) throw notFound('Webinar')
  return { registration, webinar, host }
}
