import type { Database } from '../db/client.ts'
import { AppError, notFound } from '../errors.ts'
import { registrationRepository, type RegistrationRow } from '../registrations/registration-repository.ts'
import { webinarRepository, type WebinarRecord } from '../webinars/webinar-repository.ts'
import type { JoinTokens } from './join-token.ts'

export interface JoinTokenLookupDependencies {
  db: Database
  joinTokens: JoinTokens
}

/** The registration behind a personal link (only its current one), with its webinar. */
export async function findByJoinToken(
  { db, joinTokens }: JoinTokenLookupDependencies,
  token: string,
): Promise<{ registration: RegistrationRow; record: WebinarRecord }> {
  const registration = await registrationRepository.findByJoinTokenHash(db, joinTokens.hash(token))
  if (!registration) throw new AppError('not_found', 'This link is not valid: it may have been replaced by a newer one. Check your latest e-mail.')
  const record = await webinarRepository.findById(db, registration.webinarId)
  if (!record) throw notFound('Webinar')
  return { registration, record }
}
