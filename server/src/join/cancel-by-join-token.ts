import type { JoinView } from '@webinar/shared/registrations'
import type { RegistrationService } from '../registrations/registration-service.ts'
import { findByJoinToken, type JoinTokenLookupDependencies } from './find-by-join-token.ts'
import { getJoinView } from './join-view.ts'

/** The registrant cancels from their personal page; the freed seat goes through registrations' usual path. */
export async function cancelByJoinToken(
  deps: JoinTokenLookupDependencies & { registrations: Pick<RegistrationService, 'changeStatus'> },
  token: string,
): Promise<JoinView> {
  const { registration } = await findByJoinToken(deps, token)
  await deps.registrations.changeStatus(registration.webinarId, registration.id, 'cancelled')
  return getJoinView(deps, token)
}
