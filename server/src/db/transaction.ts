import { drizzle } from 'drizzle-orm/node-postgres'
import type pg from 'pg'
import type { Database } from './client.ts'
import * as schema from './schema.ts'

export interface Transaction {
  db: Database
  /** Raw SQL on the same connection: lets pg-boss enqueue a job inside this transaction. */
  executeSql: (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }>
  /**
   * Runs `statement` as the transaction's last, sent in one message with its COMMIT: the database runs both back to
   * back, so a row lock the statement takes is held for the commit alone, not also while this process gets round
   * to sending COMMIT. The statement stops the commit by failing (raising). Plain text, no parameters: the caller
   * escapes what it puts in (pg's escapeLiteral).
   */
  commitWith: (statement: string) => void
}

// drizzle over one connection, made once per pooled connection rather than once per transaction: with the schema,
// making one walks every table (about 0.2 ms of CPU), which a busy registration path paid on every request. The
// instance holds nothing but the connection, and a pool keeps its connections for their life.
const databaseOfClient = new WeakMap<pg.PoolClient, Database>()

function databaseOf(client: pg.PoolClient): Database {
  let db = databaseOfClient.get(client)
  if (!db) {
    db = drizzle(client, { schema }) as unknown as Database
    databaseOfClient.set(client, db)
  }
  return db
}

/**
 * Runs `work` in one transaction on one connection, so rows and the jobs that follow from them
 * commit together or not at all (a webinar is never left without its provisioning job).
 */
export async function runInTransaction<T>(pool: pg.Pool, work: (transaction: Transaction) => Promise<T>): Promise<T> {
  const client = await pool.connect()
  try {
    await client.query('begin')
    let lastStatement: string | undefined
    const result = await work({
      db: databaseOf(client),
      executeSql: (text, values) => client.query(text, values as unknown[]),
      commitWith: (statement) => {
        lastStatement = statement
      },
    })
    await client.query(lastStatement === undefined ? 'commit' : `${lastStatement}; commit`)
    return result
  } catch (error) {
    await client.query('rollback').catch(() => {})
    throw error
  } finally {
    client.release()
  }
}
