import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { inject } from 'vitest'
import { connectDatabase, type DatabaseHandle } from '../../src/db/client.ts'
import { withDatabase } from './global-setup.ts'

export interface TestDatabase extends DatabaseHandle {
  url: string
  /** Closes the pool and drops the database. */
  drop: () => Promise<void>
}

/** A fresh, migrated database of this test file's own, copied from the run's template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('adminDatabaseUrl')
  const name = `webinar_test_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  try {
    await admin.query(`create database "${name}" template "${inject('templateDatabase')}"`)
  } finally {
    await admin.end()
  }
  const url = withDatabase(adminUrl, name)
  const handle = connectDatabase(url)
  return {
    ...handle,
    url,
    drop: async () => {
      await handle.close()
      const dropper = new pg.Client({ connectionString: adminUrl })
      await dropper.connect()
      await dropper.query(`drop database if exists "${name}" with (force)`)
      await dropper.end()
    },
  }
}
