import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres'
import pg from 'pg'
import * as schema from './schema.ts'

export type Database = NodePgDatabase<typeof schema>

export interface DatabaseHandle {
  db: Database
  pool: pg.Pool
  close: () => Promise<void>
}

const ignoreConnectionError = () => {}

export function connectDatabase(connectionString: string, options: { max?: number; connectionTimeoutMs?: number } = {}): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    // Without a bound, a request waits for ever when the database's host stops answering (a network partition
    // drops packets rather than refusing) or every connection stays busy: after this long it fails with
    // "timeout exceeded when trying to connect", which is answered 503 like any unavailable database.
    connectionTimeoutMillis: options.connectionTimeoutMs ?? 10_000,
  })
  // A connection lost while its client sits idle in the pool (a database restart) must not crash the process:
  // an 'error' event without a listener is thrown to the process. The pool drops that client and the next
  // query reports the problem where it can be handled (503 while the database is away).
  pool.on('error', ignoreConnectionError)
  // The pool listens only while a client is idle. One checked out between two queries (a transaction,
  // drizzle's `db.transaction`, the migration lock) has no listener then, so every client gets one for life;
  // its next query fails instead, and the pool discards it on release because it is no longer queryable.
  pool.on('connect', (client) => client.on('error', ignoreConnectionError))
  const db = drizzle(pool, { schema })
  return { db, pool, close: () => pool.end() }
}
