// The PostgreSQL server the run uses: the embedded one (as `pnpm start` runs it) or DATABASE_URL's. Each scenario gets
// a database of its own, copied from a migrated template, so no scenario sees another's rows, jobs or mail.
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { startEmbeddedPostgres } from '../../server/src/db/embedded-postgres.ts'
import { applyMigrations } from '../../server/src/db/migrate.ts'

export interface DatabaseServer {
  /** Where it is, as given (DATABASE_URL) or started (embedded). */
  kind: 'embedded' | 'DATABASE_URL'
  version: string
  /** pg_stat_statements is loaded: scenarios can count the statements behind each request (see statements.ts). */
  hasStatementStats: boolean
  /** A fresh, migrated database (a copy of the run's template). */
  createDatabase: (label: string) => Promise<string>
  /** Drops the databases made by createDatabase (between scenarios, so each starts on a quiet server). */
  dropCreated: () => Promise<void>
  stop: () => Promise<void>
}

const withDatabase = (url: string, name: string) => {
  const copy = new URL(url)
  copy.pathname = `/${name}`
  return copy.toString()
}

export async function startDatabaseServer(runId: string): Promise<DatabaseServer> {
  let adminUrl = process.env.DATABASE_URL
  let stopEmbedded: (() => Promise<void>) | undefined
  let embeddedDir: string | undefined
  if (!adminUrl) {
    embeddedDir = await mkdtemp(path.join(os.tmpdir(), 'webinar-bench-pg-'))
    // Run as root, PostgreSQL runs as the `postgres` system user: this throwaway folder's parents are opened for it.
    const directory = path.join(embeddedDir, 'postgres')
    const start = () => startEmbeddedPostgres(directory, { info: () => {}, debug: () => {} }, { unreachableParents: 'open' })
    let embedded = await start()
    // pg_stat_statements counts the statements behind each request (a few per cent of PostgreSQL's time, as in
    // most production set-ups): it must be preloaded, so the fresh cluster is configured and started again.
    const configure = new pg.Client({ connectionString: embedded.connectionString })
    configure.on('error', () => {})
    await configure.connect()
    await configure.query(`alter system set shared_preload_libraries = 'pg_stat_statements'`)
    await configure.end()
    await embedded.stop()
    embedded = await start()
    adminUrl = embedded.connectionString
    stopEmbedded = embedded.stop
  }
  const admin = new pg.Client({ connectionString: adminUrl })
  admin.on('error', () => {})
  await admin.connect()
  const version = (await admin.query<{ server_version: string }>('show server_version')).rows[0]!.server_version

  const template = `bench_${runId}_template`
  await admin.query(`create database "${template}"`)
  const templatePool = new pg.Pool({ connectionString: withDatabase(adminUrl, template), max: 1 })
  templatePool.on('error', () => {})
  await applyMigrations(templatePool)
  // Where the library is loaded (always on the embedded server), every copy of the template has the view.
  const hasStatementStats = await templatePool
    .query('create extension if not exists pg_stat_statements')
    .then(() => templatePool.query('select 1 from pg_stat_statements limit 1'))
    .then(
      () => true,
      () => false,
    )
  await templatePool.end()

  const created: string[] = []
  const dropCreated = async () => {
    for (const name of created.splice(0)) await admin.query(`drop database if exists "${name}" with (force)`)
  }
  return {
    kind: stopEmbedded ? 'embedded' : 'DATABASE_URL',
    version,
    hasStatementStats,
    async createDatabase(label) {
      const name = `bench_${runId}_${label}`
      await admin.query(`create database "${name}" template "${template}"`)
      created.unshift(name)
      return withDatabase(adminUrl, name)
    },
    dropCreated,
    async stop() {
      await dropCreated()
      await admin.query(`drop database if exists "${template}" with (force)`)
      await admin.end()
      await stopEmbedded?.()
      if (embeddedDir) await rm(embeddedDir, { recursive: true, force: true })
    },
  }
}
