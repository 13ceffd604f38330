import type pg from 'pg'
import { runInTransaction } from '../db/transaction.ts'
import type { OutgoingEvents } from '../outgoing-webhooks/outgoing-events.ts'
import { registrationRepository } from './registration-repository.ts'
import { toRegistrationListItemView } from './registration-view.ts'

/**
 * Tells integrators (`attendance.updated`) of registrants whose attendance totals changed: each as the
 * registrations list shows it, attendance included. Attendance calls this after its own commit, so the events are
 * written in a transaction of their own: a crash in between loses the event, not the attendance (which
 * `attendance:rebuild` would recompute, and announce, again).
 */
export async function announceAttendanceChanged({ pool, outgoingEvents }: { pool: pg.Pool; outgoingEvents: OutgoingEvents }, registrationIds: string[]) {
  await runInTransaction(pool, async (transaction) => {
    for (const row of await registrationRepository.listWithAttendanceByIds(transaction.db, registrationIds)) {
      await outgoingEvents.emit(transaction, 'attendance.updated', toRegistrationListItemView(row))
    }
  })
}
