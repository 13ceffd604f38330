import type { Database } from '../db/client.ts'
import type { WebinarRow } from '../webinars/webinar-repository.ts'
import { attendanceRepository } from './attendance-repository.ts'
import { groupByRegistration, liveWindowOf, measureAttendance, presenceOf, type Attendance, type Interval, type LiveWindow } from './measure-attendance.ts'

export interface RegistrantPresence {
  registrationId: string
  /** When they were present within the live window, overlaps merged. */
  intervals: Interval[]
  attendance: Attendance
}

export interface WebinarPresence {
  /** Null when the webinar never went live. */
  window: LiveWindow | null
  /** The moment measured at: an open window ends here. */
  now: Date
  registrants: RegistrantPresence[]
}

/**
 * Every registrant's presence in the webinar as of `now`, measured from their sessions the way their stored totals
 * are: what a report needs to count viewers minute by minute, exact even while the webinar is live.
 */
export async function measureWebinarPresence(db: Database, webinar: WebinarRow, now: Date): Promise<WebinarPresence> {
  const window = liveWindowOf(webinar)
  const sessionsByRegistration = groupByRegistration(await attendanceRepository.listRegistrantSessions(db, webinar.id))
  const registrants = [...sessionsByRegistration].map(([registrationId, sessions]) => ({
    registrationId,
    intervals: presenceOf(sessions, window, now).intervals,
    attendance: measureAttendance(sessions, window, now, webinar.attendedThresholdSeconds),
  }))
  return { window, now, registrants }
}
