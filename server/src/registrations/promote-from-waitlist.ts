import type { Transaction } from '../db/transaction.ts'
import type { Outbox } from '../email/outbox.ts'
import type { WebinarRow } from '../webinars/webinar-repository.ts'
import { registrationRepository } from './registration-repository.ts'

/** A freed seat goes to the longest-waiting registration, with a mail. Runs under the webinar's row lock. */
export async function promoteFromWaitlist({ outbox }: { outbox: Outbox }, transaction: Transaction, webinar: WebinarRow, hostName: string): Promise<void> {
  if (webinar.capacity !== null && (await registrationRepository.countApproved(transaction.db, webinar.id)) >= webinar.capacity) return
  const next = await registrationRepository.findFirstWaitlisted(transaction.db, webinar.id)
  if (!next) return
  const promoted = await registrationRepository.update(transaction.db, next.id, { status: 'approved' })
  await outbox.enqueue(transaction, { registration: promoted, webinar, hostName, kind: 'promoted' })
}
