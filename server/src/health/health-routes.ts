import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { HealthResponse, ReadinessResponse } from '@webinar/shared/health'
import type pg from 'pg'
import { countAppliedMigrations, countExpectedMigrations } from '../db/migrate.ts'

/** Liveness (the process answers) and readiness (the database answers and has every migration). */
export const healthRoutes: FastifyPluginAsyncTypebox<{ pool: pg.Pool }> = async (app, { pool }) => {
  const expected = countExpectedMigrations()

  app.get('/healthz', { config: { rateLimit: false }, schema: { tags: ['health'], response: { 200: HealthResponse } } }, async () => ({ status: 'ok' as const }))

  app.get(
    '/readyz',
    { config: { rateLimit: false }, schema: { tags: ['health'], response: { 200: ReadinessResponse, 503: ReadinessResponse } } },
    async (_request, reply) => {
      const applied = await countAppliedMigrations(pool).catch(() => undefined)
      const isReady = applied !== undefined && applied >= expected
      return reply.status(isReady ? 200 : 503).send({
        status: isReady ? 'ready' : 'not_ready',
        database: applied !== undefined,
        migrations: { applied: applied ?? 0, expected },
      })
    },
  )
}
