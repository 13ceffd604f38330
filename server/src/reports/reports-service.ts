import type { Role } from '@webinar/shared/users'
import type { AttendanceService } from '../attendance/attendance-service.ts'
import type { Clock } from '../clock.ts'
import type { Database } from '../db/client.ts'
import type { Staff } from '../users/staff.ts'
import type { WebinarService } from '../webinars/webinar-service.ts'
import { getReportsOverview } from './get-reports-overview.ts'
import { getWebinarReport } from './get-webinar-report.ts'

export interface ReportsServiceDependencies {
  db: Database
  clock: Clock
  attendance: Pick<AttendanceService, 'measureWebinar'>
  /** Who may see a webinar's report: whoever may see the webinar (its host, owners and admins). */
  webinars: Pick<WebinarService, 'get'>
}

const seesEveryWebinar: Role[] = ['owner', 'admin']

export function createReportsService(deps: ReportsServiceDependencies) {
  return {
    async getWebinarReport(staff: Staff, webinarId: string) {
      const webinar = await deps.webinars.get(staff, webinarId)
      return getWebinarReport(deps, webinar)
    },
    getOverview: (staff: Staff, days: number) => getReportsOverview(deps, days, seesEveryWebinar.includes(staff.user.role) ? undefined : staff.user.id),
  }
}

export type ReportsService = ReturnType<typeof createReportsService>
