import type pg from 'pg'
import type { Clock } from '../clock.ts'
import { runInTransaction } from '../db/transaction.ts'
import { webinarRepository } from '../webinars/webinar-repository.ts'
import { attendanceRepository } from './attendance-repository.ts'
import { recomputeWebinar } from './recompute-attendance.ts'

/**
 * The call, or one of its sessions, ended at `at` (`call.ended`, `call.session_ended`): the Stream sessions still
 * open that had joined by then end there (their `last_seen_at`; a `left` arriving later still wins), and every
 * registrant's totals are computed again, as the live window may have closed too. Returns the registrations whose
 * totals changed.
 */
export async function closeSessionsAtCallEnd({ pool, clock }: { pool: pg.Pool; clock: Clock }, webinarId: string, at: Date): Promise<string[]> {
  return runInTransaction(pool, async ({ db }) => {
    await attendanceRepository.lockWebinar(db, webinarId)
    await attendanceRepository.closeOpenStreamSessions(db, webinarId, at)
    const webinar = await webinarRepository.findRowById(db, webinarId)
    return webinar ? recomputeWebinar(db, webinar, clock.now()) : []
  })
}
