import { csrfHeaderName, csrfHeaderValue } from '@webinar/shared/auth'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { buildApp } from '../../src/app.ts'
import type { Clock } from '../../src/clock.ts'
import { loadConfig, type Config } from '../../src/config.ts'
import { createTestDatabase, type TestDatabase } from './test-database.ts'

export interface TestApp {
  app: FastifyInstance
  database: TestDatabase
  config: Config
  close: () => Promise<void>
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...overrides })
}

/** The real app over a fresh database of its own; `clock` and config can be replaced per test file. */
export async function createTestApp(options: { clock?: Clock; env?: Record<string, string> } = {}): Promise<TestApp> {
  const database = await createTestDatabase()
  const config = testConfig(options.env)
  const app = await buildApp({
    config,
    database,
    clock: options.clock ?? { now: () => new Date() },
    sessionSecret: 'test-session-secret-that-is-long-enough-0123456789',
  })
  await app.ready()
  return {
    app,
    database,
    config,
    close: async () => {
      await app.close()
      await database.drop()
    },
  }
}

export const csrfHeaders = { [csrfHeaderName]: csrfHeaderValue }

export function sessionCookieOf(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((candidate) => candidate.name === 'session')
  if (!cookie) throw new Error(`no session cookie in the answer (status ${response.statusCode})`)
  return `session=${cookie.value}`
}

export const owner = { email: 'owner@example.com', name: 'Olive Owner', password: 'correct horse battery' }

/** Creates the first owner through the API and returns the session cookie. */
export async function setUpOwner(app: FastifyInstance): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/api/setup', payload: owner })
  if (response.statusCode !== 201) throw new Error(`setup failed: ${response.statusCode} ${response.body}`)
  return sessionCookieOf(response)
}
