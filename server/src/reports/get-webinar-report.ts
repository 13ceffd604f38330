import type { WebinarReport } from '@webinar/shared/reports'
import type { AttendanceService } from '../attendance/attendance-service.ts'
import type { Database } from '../db/client.ts'
import { countPeakViewers, countViewersPerMinute } from './count-viewers.ts'
import { reportRepository } from './report-repository.ts'

export interface WebinarReportDependencies {
  db: Database
  attendance: Pick<AttendanceService, 'measureWebinar'>
}

function medianOf(sorted: number[]): number {
  if (sorted.length === 0) return 0
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : Math.round((sorted[middle - 1]! + sorted[middle]!) / 2)
}

/**
 * How a webinar went, measured now: presence from the attendance sessions (exact while live too, where the stored
 * totals lag behind open sessions), counts from registrations and the room. The caller checked who may see it.
 */
export async function getWebinarReport({ db, attendance }: WebinarReportDependencies, webinar: { id: string; timezone: string }): Promise<WebinarReport> {
  const presence = await attendance.measureWebinar(webinar.id)
  const { registered, approved } = await reportRepository.countRegistrations(db, webinar.id)
  const joined = presence.registrants.filter((registrant) => registrant.intervals.length > 0)
  const watchSeconds = joined.map((registrant) => registrant.attendance.watchSeconds).sort((a, b) => a - b)
  const attended = joined.filter((registrant) => registrant.attendance.attended).length
  const intervals = joined.map((registrant) => registrant.intervals)
  const window = presence.window ? { start: presence.window.start.getTime(), end: (presence.window.end ?? presence.now).getTime() } : null
  return {
    registered,
    approved,
    joined: joined.length,
    attended,
    attendanceRate: approved === 0 ? 0 : attended / approved,
    averageWatchSeconds: watchSeconds.length === 0 ? 0 : Math.round(watchSeconds.reduce((sum, seconds) => sum + seconds, 0) / watchSeconds.length),
    medianWatchSeconds: medianOf(watchSeconds),
    peakConcurrent: countPeakViewers(intervals),
    timeline: window ? countViewersPerMinute(intervals, window) : [],
    ...(await reportRepository.countRoomActivity(db, webinar.id)),
    registrationsByDay: await reportRepository.countRegistrationsByDay(db, webinar.id, webinar.timezone),
  }
}
