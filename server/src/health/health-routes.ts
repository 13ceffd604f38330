import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { HealthResponse, ReadinessResponse } from '@webinar/shared/health'
import type { ReadinessCheck } from './health-check.ts'

/** Liveness (the process answers) and readiness (the database answers and has every migration). */
export const healthRoutes: FastifyPluginAsyncTypebox<{ checkReadiness: ReadinessCheck }> = async (app, { checkReadiness }) => {
  app.get('/healthz', { config: { rateLimit: false }, schema: { tags: ['health'], response: { 200: HealthResponse } } }, async () => ({ status: 'ok' as const }))

  app.get(
    '/readyz',
    { config: { rateLimit: false }, schema: { tags: ['health'], response: { 200: ReadinessResponse, 503: ReadinessResponse } } },
    async (_request, reply) => {
      const readiness = await checkReadiness()
      return reply.status(readiness.status === 'ready' ? 200 : 503).send(readiness)
    },
  )
}
