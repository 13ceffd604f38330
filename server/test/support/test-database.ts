import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { connectDatabase, type DatabaseHandle } from '../../src/db/client.ts'
import { testDatabaseEnvironment, withDatabase } from './global-setup.ts'

export interface TestDatabase extends DatabaseHandle {
  url: string
  /** Closes the pool and drops the database. */
  drop: () => Promise<void>
}

/**
 * The server and the template that the run's global set-up prepared: from vitest's `inject` under vitest,
 * from environment variables under other runners (Playwright's). vitest is only loaded when it runs the test.
 */
async function runDatabases(): Promise<{ adminUrl: string; templateDatabase: string }> {
  if (process.env.VITEST) {
    const { inject } = await import('vitest')
    return { adminUrl: inject('adminDatabaseUrl'), templateDatabase: inject('templateDatabase') }
  }
  const adminUrl = process.env[testDatabaseEnvironment.adminDatabaseUrl]
  const templateDatabase = process.env[testDatabaseEnvironment.templateDatabase]
  if (!adminUrl || !templateDatabase) {
    throw new Error(
      `${testDatabaseEnvironment.adminDatabaseUrl} and ${testDatabaseEnvironment.templateDatabase} are not set: run the tests through vitest or playwright, whose global set-up prepares the database`,
    )
  }
  return { adminUrl, templateDatabase }
}

/** A fresh, migrated database of this test file's own, copied from the run's template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const { adminUrl, templateDatabase } = await runDatabases()
  const name = `webinar_test_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  try {
    await admin.query(`create database "${name}" template "${templateDatabase}"`)
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
