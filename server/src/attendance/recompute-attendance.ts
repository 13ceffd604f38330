import type { Database } from '../db/client.ts'
import type { WebinarRow } from '../webinars/webinar-repository.ts'
import { attendanceRepository, type RegistrationAttendanceRow } from './attendance-repository.ts'
import { groupByRegistration, isSameAttendance, liveWindowOf, measureAttendance, type Attendance, type MeasuredSession } from './measure-attendance.ts'

const storedAttendanceOf = (row: RegistrationAttendanceRow): Attendance => ({
  firstJoinedAt: row.firstJoinedAt,
  lastLeftAt: row.lastLeftAt,
  watchSeconds: row.watchSeconds,
  attended: row.attended,
})

/**
 * Writes the totals of these registrants (each with their sessions) where they differ from what is stored, and
 * returns the registrants whose totals changed. `stored` holds what is stored now for them.
 */
async function writeChanged(
  db: Database,
  webinar: WebinarRow,
  sessionsByRegistration: Map<string, MeasuredSession[]>,
  stored: Map<string, RegistrationAttendanceRow>,
  now: Date,
): Promise<string[]> {
  const window = liveWindowOf(webinar)
  const changed: (Attendance & { registrationId: string; webinarId: string; updatedAt: Date })[] = []
  for (const [registrationId, sessions] of sessionsByRegistration) {
    const attendance = measureAttendance(sessions, window, now, webinar.attendedThresholdSeconds)
    const before = stored.get(registrationId)
    if (before && isSameAttendance(storedAttendanceOf(before), attendance)) continue
    changed.push({ ...attendance, registrationId, webinarId: webinar.id, updatedAt: now })
  }
  await attendanceRepository.upsertTotals(db, changed)
  return changed.map((row) => row.registrationId)
}

/**
 * These registrants' totals from all their sessions, in one read of each. The caller's transaction holds their locks
 * (see attendanceRepository.lockRegistrants), so two changes of one registrant cannot write over each other.
 */
export async function recomputeRegistrants(db: Database, webinar: WebinarRow, registrationIds: string[], now: Date): Promise<string[]> {
  if (registrationIds.length === 0) return []
  const sessionsByRegistration = new Map<string, MeasuredSession[]>(registrationIds.map((registrationId) => [registrationId, []]))
  for (const session of await attendanceRepository.listSessionsOfRegistrations(db, registrationIds)) sessionsByRegistration.get(session.registrationId)?.push(session)
  const stored = new Map((await attendanceRepository.listTotalsOf(db, registrationIds)).map((row) => [row.registrationId, row]))
  return writeChanged(db, webinar, sessionsByRegistration, stored, now)
}

/**
 * Every registrant's totals of the webinar; a registrant left with no session has no totals. The caller's
 * transaction holds the webinar's lock exclusively.
 */
export async function recomputeWebinar(db: Database, webinar: WebinarRow, now: Date): Promise<string[]> {
  const sessionsByRegistration = groupByRegistration(await attendanceRepository.listRegistrantSessions(db, webinar.id))
  const stored = new Map((await attendanceRepository.listTotals(db, webinar.id)).map((row) => [row.registrationId, row]))
  const changed = await writeChanged(db, webinar, sessionsByRegistration, stored, now)
  const withoutSessions = [...stored.keys()].filter((registrationId) => !sessionsByRegistration.has(registrationId))
  await attendanceRepository.deleteTotals(db, withoutSessions)
  return [...changed, ...withoutSessions]
}
