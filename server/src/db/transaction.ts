import { drizzle } from 'drizzle-orm/node-postgres'
import type pg from 'pg'
import type { Database } from './client.ts'
import * as schema from './schema.ts'

export interface Transaction {
  db: Database
  /** Raw SQL on the same connection: lets pg-boss enqueue a job inside this transaction. */
  executeSql: (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }>
}

/**
 * Runs `work` in one transaction on one connection, so rows and the jobs that follow from them
 * commit together or not at all (a webinar is never left without its provisioning job).
 */
export async function runInTransaction<T>(pool: pg.Pool, work: (transaction: Transaction) => Promise<T>): Promise<T> {
  const client = await pool.connect()
  try {
    await client.query('begin')
    const result = await work({
      db: drizzle(client, { schema }) as unknown as Database,
      executeSql: (text, values) => client.query(text, values as unknown[]),
    })
    await client.query('commit')
    return result
  } catch (error) {
    await client.query('rollback').catch(() => {})
    throw error
  } finally {
    client.release()
  }
}
