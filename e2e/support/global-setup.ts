import { prepareTestPostgres, testDatabaseEnvironment } from '../../server/test/support/global-setup.ts'
import { buildWeb } from './build-web.ts'

/**
 * Playwright's global set-up: the current SPA in web/dist, and one PostgreSQL (DATABASE_URL, or an embedded
 * one for the run) with a migrated template that each test file copies. The workers, started afterwards,
 * inherit the environment variables that `createTestDatabase()` reads. The returned function is the teardown.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  buildWeb()
  const postgres = await prepareTestPostgres('e2e')
  process.env[testDatabaseEnvironment.adminDatabaseUrl] = postgres.adminDatabaseUrl
  process.env[testDatabaseEnvironment.templateDatabase] = postgres.templateDatabase
  return postgres.stop
}
