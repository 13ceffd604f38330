import path from 'node:path'
import { ConfigError, loadConfig, type Config } from '../config.ts'
import { connectDatabase, type DatabaseHandle } from './client.ts'
import { startEmbeddedPostgres, type EmbeddedDatabase } from './embedded-postgres.ts'
import { applyMigrations } from './migrate.ts'

/**
 * A command-line tool's run on the database the app uses (DATABASE_URL; without it, local mode's embedded
 * PostgreSQL, which only one process can run at a time: the app must be stopped first). Migrated, then closed
 * whatever happens; a configuration or runtime error is printed and becomes exit code 1.
 */
export async function runWithCliDatabase(work: (database: DatabaseHandle, config: Config) => Promise<number>): Promise<number> {
  let config
  try {
    config = loadConfig()
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message)
      return 1
    }
    throw error
  }
  const quiet = { info: () => {}, debug: () => {} }
  let embedded: EmbeddedDatabase | undefined
  if (!config.databaseUrl) embedded = await startEmbeddedPostgres(path.join(config.dataDir, 'postgres'), quiet, { unreachableParents: 'fail' })
  const database = connectDatabase(config.databaseUrl ?? embedded!.connectionString)
  try {
    await applyMigrations(database.pool)
    return await work(database, config)
  } catch (error) {
    console.error(error instanceof Error ? error.message : error)
    return 1
  } finally {
    await database.close()
    await embedded?.stop()
  }
}
