/**
 * `pnpm --filter @webinar/server attendance:rebuild <webinarId>`: makes a webinar's attendance again from the stored
 * Stream webhooks (see rebuild-attendance.ts), on the database the app uses (DATABASE_URL; without it, local mode's
 * embedded PostgreSQL, which only one process can run at a time: stop the app first, or enqueue the
 * `attendance-rebuild` job from it instead).
 */
import { systemClock } from '../clock.ts'
import { runWithCliDatabase } from '../db/cli-database.ts'
import { rebuildAttendance } from './rebuild-attendance.ts'

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

async function main(): Promise<number> {
  const webinarId = process.argv[2]
  if (!webinarId || !uuidPattern.test(webinarId)) {
    console.error('Usage: pnpm --filter @webinar/server attendance:rebuild <webinarId>  (the webinar’s id, a UUID)')
    return 2
  }
  return runWithCliDatabase(async (database) => {
    const outcome = await rebuildAttendance({ pool: database.pool, clock: systemClock }, webinarId)
    process.stdout.write(
      `Rebuilt the attendance of webinar ${webinarId}: ${outcome.events} participant events, ${outcome.streamSessions} Stream sessions, ` +
        `${outcome.changedRegistrationIds.length} registrants' totals changed.\n`,
    )
    return 0
  })
}

process.exitCode = await main()
