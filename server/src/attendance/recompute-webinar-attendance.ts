import type pg from 'pg'
import type { Clock } from '../clock.ts'
import { runInTransaction } from '../db/transaction.ts'
import { webinarRepository } from '../webinars/webinar-repository.ts'
import { attendanceRepository } from './attendance-repository.ts'
import { recomputeWebinar } from './recompute-attendance.ts'

/** Every registrant's totals again, under the webinar's lock (the live window moved: the webinar went live). */
export async function recomputeWebinarAttendance({ pool, clock }: { pool: pg.Pool; clock: Clock }, webinarId: string): Promise<string[]> {
  return runInTransaction(pool, async ({ db }) => {
    await attendanceRepository.lockWebinar(db, webinarId)
    const webinar = await webinarRepository.findRowById(db, webinarId)
    return webinar ? recomputeWebinar(db, webinar, clock.now()) : []
  })
}
