import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres'
import pg from 'pg'
import * as schema from './schema.ts'

export type Database = NodePgDatabase<typeof schema>

export interface DatabaseHandle {
  db: Database
  pool: pg.Pool
  close: () => Promise<void>
}

export function connectDatabase(connectionString: string, options: { max?: number } = {}): DatabaseHandle {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10 })
  // An idle client losing its connection (database restart) must not crash the process;
  // the pool replaces it and the next query reports the problem where it can be handled.
  pool.on('error', () => {})
  const db = drizzle(pool, { schema })
  return { db, pool, close: () => pool.end() }
}
