import type { ReadinessResponse } from '@webinar/shared/health'
import type pg from 'pg'
import { countAppliedMigrations, countExpectedMigrations } from '../db/migrate.ts'

/** Readiness: the database answers and has every migration this build ships. */
export function createReadinessCheck(pool: pg.Pool) {
  const expected = countExpectedMigrations()
  return async function checkReadiness(): Promise<ReadinessResponse> {
    const applied = await countAppliedMigrations(pool).catch(() => undefined)
    const isReady = applied !== undefined && applied >= expected
    return {
      status: isReady ? 'ready' : 'not_ready',
      database: applied !== undefined,
      migrations: { applied: applied ?? 0, expected },
    }
  }
}

export type ReadinessCheck = ReturnType<typeof createReadinessCheck>
