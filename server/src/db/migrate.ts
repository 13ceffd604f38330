import { readFileSync } from 'node:fs'
import path from 'node:path'
import { drizzle } from 'drizzle-orm/node-postgres'
import { migrate } from 'drizzle-orm/node-postgres/migrator'
import type pg from 'pg'

export const migrationsFolder = path.resolve(import.meta.dirname, '../../../migrations')

// Any constant works; it only has to be the same for every instance of this app.
const migrationLockKey = 727_001

/**
 * Applies pending migrations. Several instances may start at once, so the work happens under a
 * PostgreSQL advisory lock: the first applies, the others wait and then find nothing to do.
 */
export async function applyMigrations(pool: pg.Pool): Promise<void> {
  // One connection holds the lock and runs the migrations, so this works with a pool of one.
  const client = await pool.connect()
  try {
    await client.query('select pg_advisory_lock($1)', [migrationLockKey])
    await migrate(drizzle(client), { migrationsFolder })
  } finally {
    await client.query('select pg_advisory_unlock($1)', [migrationLockKey]).catch(() => {})
    client.release()
  }
}

export function countExpectedMigrations(): number {
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as {
    entries: unknown[]
  }
  return journal.entries.length
}

/** How many migrations this database has applied (0 when none ever ran). */
export async function countAppliedMigrations(pool: pg.Pool): Promise<number> {
  const { rows } = await pool.query<{ applied: string | null }>(
    `select case when to_regclass('drizzle.__drizzle_migrations') is null then 0
            else (select count(*) from drizzle.__drizzle_migrations) end as applied`,
  )
  return Number(rows[0]?.applied ?? 0)
}
