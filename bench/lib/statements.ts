// What PostgreSQL did for a phase of load, from pg_stat_statements: how many statements each request cost and which
// took the most time. Every round trip counts on a machine where a loopback write is expensive, and a statement run
// while a lock is held makes everyone behind it wait.
import type pg from 'pg'

export interface StatementSummary {
  calls: number
  totalMs: number
  top: { query: string; calls: number; totalMs: number; meanMs: number }[]
}

/** Forgets what was counted so far (every database of the server). */
export async function resetStatements(pool: pg.Pool, isAvailable: boolean): Promise<void> {
  if (isAvailable) await pool.query('select pg_stat_statements_reset()')
}

/**
 * This database's statements since the reset, leaving out the baseline's INSERT and the bench's own queries
 * (on pg_stat_* views). BEGIN and COMMIT count as statements: each is a round trip.
 */
export async function readStatements(pool: pg.Pool, isAvailable: boolean, topCount = 8): Promise<StatementSummary | undefined> {
  if (!isAvailable) return undefined
  const { rows } = await pool.query<{ query: string; calls: string; total_ms: number }>(
    `select query, calls, total_exec_time as total_ms
     from pg_stat_statements
     where dbid = (select oid from pg_database where datname = current_database())
       and query not ilike '%bench_baseline_rows%' and query not ilike '%pg_stat_%'`,
  )
  const statements = rows.map((row) => ({
    query: row.query.replace(/\s+/g, ' ').trim().slice(0, 140),
    calls: Number(row.calls),
    totalMs: row.total_ms,
    meanMs: row.total_ms / Number(row.calls),
  }))
  return {
    calls: statements.reduce((sum, statement) => sum + statement.calls, 0),
    totalMs: statements.reduce((sum, statement) => sum + statement.totalMs, 0),
    top: statements.sort((a, b) => b.totalMs - a.totalMs).slice(0, topCount),
  }
}

/** "18.2 statements per registration (4.1 ms of PostgreSQL time each)" and the top statements, for a report. */
export function describeStatements(summary: StatementSummary, requests: number, unit: string): { perRequest: string; top: string } {
  return {
    perRequest: `${(summary.calls / requests).toFixed(1)} statements per ${unit}, ${(summary.totalMs / requests).toFixed(2)} ms of PostgreSQL execution each`,
    top: summary.top.map((statement) => `${(statement.calls / requests).toFixed(2)}× ${statement.meanMs.toFixed(2)} ms: ${statement.query}`).join(' ‖ '),
  }
}
