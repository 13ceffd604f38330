import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { connectDatabase } from '../../src/db/client.ts'
import { startEmbeddedPostgres } from '../../src/db/embedded-postgres.ts'
import { applyMigrations } from '../../src/db/migrate.ts'
import { createJobQueue } from '../../src/jobs/job-queue.ts'

declare module 'vitest' {
  export interface ProvidedContext {
    /** A server where test files may create and drop databases. */
    adminDatabaseUrl: string
    /** A migrated database that each test file copies (CREATE DATABASE … TEMPLATE). */
    templateDatabase: string
  }
}

/**
 * Where runners other than vitest (Playwright's, for the browser tests) pass the same two values to their
 * workers: environment variables, set by their global set-up and read by `createTestDatabase()`.
 */
export const testDatabaseEnvironment = {
  adminDatabaseUrl: 'WEBINAR_TEST_ADMIN_DATABASE_URL',
  templateDatabase: 'WEBINAR_TEST_TEMPLATE_DATABASE',
} as const

export interface TestPostgres {
  adminDatabaseUrl: string
  templateDatabase: string
  /** Drops the template, and stops the embedded server if one was started. */
  stop: () => Promise<void>
}

/**
 * Uses the PostgreSQL server named by DATABASE_URL when set (as CI does), otherwise starts an embedded one
 * for the run. Migrations run once into a template; every test file then gets a fresh copy of it.
 */
export async function prepareTestPostgres(runName: string): Promise<TestPostgres> {
  let adminDatabaseUrl = process.env.DATABASE_URL
  let stopEmbedded: (() => Promise<void>) | undefined
  let embeddedDirectory: string | undefined
  if (!adminDatabaseUrl) {
    embeddedDirectory = await mkdtemp(path.join(os.tmpdir(), 'webinar-test-pg-'))
    const embedded = await startEmbeddedPostgres(path.join(embeddedDirectory, 'postgres'), { info: () => {}, debug: () => {} }, { unreachableParents: 'open' })
    adminDatabaseUrl = embedded.connectionString
    stopEmbedded = embedded.stop
  }

  const templateDatabase = `webinar_template_${process.pid}_${runName}`
  const admin = new pg.Client({ connectionString: adminDatabaseUrl })
  await admin.connect()
  await admin.query(`drop database if exists "${templateDatabase}" with (force)`)
  await admin.query(`create database "${templateDatabase}"`)
  const template = connectDatabase(withDatabase(adminDatabaseUrl, templateDatabase), { max: 1 })
  await applyMigrations(template.pool)
  await template.close()
  // pg-boss installs its own schema and queues on first start: do it once here rather than in every copy.
  const jobs = createJobQueue({
    connectionString: withDatabase(adminDatabaseUrl, templateDatabase),
    retryDelaySeconds: 1,
    logger: { error: () => {}, warn: () => {} },
  })
  await jobs.start()
  await jobs.stop()

  return {
    adminDatabaseUrl,
    templateDatabase,
    stop: async () => {
      await admin.query(`drop database if exists "${templateDatabase}" with (force)`).catch(() => {})
      await admin.end()
      await stopEmbedded?.()
      if (embeddedDirectory) await rm(embeddedDirectory, { recursive: true, force: true })
    },
  }
}

/** Vitest's global set-up: hands the two values to the test files through `inject`. */
export default async function setup(project: TestProject) {
  const postgres = await prepareTestPostgres(project.name)
  project.provide('adminDatabaseUrl', postgres.adminDatabaseUrl)
  project.provide('templateDatabase', postgres.templateDatabase)
  return postgres.stop
}

export function withDatabase(connectionString: string, database: string): string {
  const url = new URL(connectionString)
  url.pathname = `/${database}`
  return url.toString()
}
