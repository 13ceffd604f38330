import { createHash } from 'node:crypto'
import type { FastifyRequest } from 'fastify'

/**
 * A route's rate limit counted per personal link (the `:token` param), not per address: hundreds of people may
 * share one office's address, while one link needs a handful a minute (a page load, a reconnect, a second tab).
 * The counter is keyed by a hash, so the rate limiter's memory holds no working link. `scope` keeps the budgets of
 * different routes on the same link apart.
 */
export function perLinkLimit(scope: string, max: number) {
  return {
    rateLimit: {
      max,
      timeWindow: '1 minute',
      keyGenerator: (request: FastifyRequest) => `${scope}:${createHash('sha256').update((request.params as { token?: string }).token ?? '').digest('base64url')}`,
    },
  }
}
