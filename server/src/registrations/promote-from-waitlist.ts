import type { Transaction } from '../db/transaction.ts'
import type { Outbox } from '../email/outbox.ts'
import type { WebinarRow } from '../webinars/webinar-repository.ts'
import { registrationRepository, type RegistrationRow } from './registration-repository.ts'
import { seatRepository } from './seat-repository.ts'

/**
 * A freed seat goes to the longest-waiting registration, with a mail; that registration, or undefined when nobody
 * moved (no seat left after all: the capacity was lowered below the approved count; or nobody waiting). Runs under
 * the webinar's row lock (seatRepository.lock), `approvedCount` being the count as it stands now, in this transaction.
 */
export async function promoteFromWaitlist(
  { outbox }: { outbox: Outbox },
  transaction: Transaction,
  webinar: WebinarRow,
  approvedCount: number,
  hostName: string,
): Promise<RegistrationRow | undefined> {
  if (webinar.capacity !== null && approvedCount >= webinar.capacity) return undefined
  const next = await registrationRepository.findFirstWaitlisted(transaction.db, webinar.id)
  if (!next) return undefined
  await seatRepository.add(transaction.db, webinar.id, 1)
  const promoted = await registrationRepository.update(transaction.db, next.id, { status: 'approved' })
  await outbox.enqueue(transaction, { registration: promoted, webinar, hostName, kind: 'promoted' })
  return promoted
}
