import type { ReportsOverview } from '@webinar/shared/reports'
import type { Clock } from '../clock.ts'
import type { Database } from '../db/client.ts'
import { reportRepository } from './report-repository.ts'

const dayMs = 86_400_000
const topCount = 5

/**
 * The last `days` days at a glance: webinars that went live in them (a host's own, or everyone's for `hostId`
 * undefined), from the stored attendance totals.
 */
export async function getReportsOverview({ db, clock }: { db: Database; clock: Clock }, days: number, hostId: string | undefined): Promise<ReportsOverview> {
  const until = clock.now()
  const run = await reportRepository.listRunWebinars(db, { since: new Date(until.getTime() - days * dayMs), until, hostId })
  const total = (pick: (row: (typeof run)[number]) => number) => run.reduce((sum, row) => sum + pick(row), 0)
  const approved = total((row) => row.approved)
  return {
    days,
    webinarsRun: run.length,
    registrations: total((row) => row.registered),
    attendanceRate: approved === 0 ? 0 : total((row) => row.attended) / approved,
    topWebinars: run.slice(0, topCount).map((row) => ({
      id: row.id,
      title: row.title,
      startTime: row.startTime.toISOString(),
      registered: row.registered,
      attended: row.attended,
    })),
  }
}
