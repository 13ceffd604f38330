import { and, eq, gte, isNotNull, isNull, sql } from 'drizzle-orm'
import pg from 'pg'
import type { Database } from '../db/client.ts'
import type { Transaction } from '../db/transaction.ts'
import { webinars } from '../db/schema.ts'
import type { WebinarRow } from '../webinars/webinar-repository.ts'

// A deleted webinar takes no registrations, as webinarRepository never finds it.
const isPresent = isNull(webinars.deletedAt)

/** The SQLSTATE `take_webinar_seat` fails with when it takes no seat. */
export const noSeatTaken = 'WB001'

/**
 * A webinar's seats: `webinars.approved_count`, changed in the transaction of every change to whether a registration
 * is approved (registering, approving, promoting, cancelling, rejecting; erasure cancels first), always under the
 * webinar's row lock. Locks are `no key update` or `share`, never `update`: registrations being inserted meanwhile
 * hold `key share` on the row (their foreign key), which `update` would queue behind.
 */
export const seatRepository = {
  /**
   * Takes a seat as the transaction's last statement, sent with its COMMIT (`take_webinar_seat`, migration 0011): the
   * webinar's row, which every registration of the webinar takes in turn, is then locked only while the transaction
   * commits. When the webinar no longer seats a newcomer at once (no seat left, approval now manual, cancelled or
   * ended) the commit fails with `noSeatTaken` and nothing is written.
   */
  takeAtCommit(transaction: Transaction, webinarId: string): void {
    transaction.commitWith(`select take_webinar_seat(${pg.escapeLiteral(webinarId)})`)
  },

  /**
   * The webinar under a share lock if a newcomer still goes to the waitlist (auto approval, no seat left), or to
   * approval (manual); undefined otherwise. Waiting newcomers share the lock with each other; anything that frees or
   * takes a seat, or changes the webinar, waits for them (and they for it), so none is waitlisted beside a free seat.
   */
  async lockIfStill(db: Database, webinarId: string, status: 'waitlisted' | 'pending'): Promise<WebinarRow | undefined> {
    const still =
      status === 'pending'
        ? eq(webinars.approvalMode, 'manual')
        : and(eq(webinars.approvalMode, 'auto'), isNotNull(webinars.capacity), gte(webinars.approvedCount, webinars.capacity))
    const [row] = await db
      .select()
      .from(webinars)
      .where(and(eq(webinars.id, webinarId), isPresent, still))
      .for('share')
    return row
  },

  /** The webinar, locked until the transaction ends against anything that changes its seats or itself. */
  async lock(db: Database, webinarId: string): Promise<WebinarRow | undefined> {
    const [row] = await db
      .select()
      .from(webinars)
      .where(and(eq(webinars.id, webinarId), isPresent))
      .for('no key update')
    return row
  },

  /** Under `lock`: `change` more (or fewer) approved registrations. */
  async add(db: Database, webinarId: string, change: number): Promise<void> {
    await db
      .update(webinars)
      .set({ approvedCount: sql`${webinars.approvedCount} + ${change}` })
      .where(eq(webinars.id, webinarId))
  },
}
