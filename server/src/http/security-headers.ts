import { createRequire } from 'node:module'
import type { FastifyHelmetOptions } from '@fastify/helmet'
import type { FastifyInstance } from 'fastify'

type HelmetOptions = Omit<FastifyHelmetOptions, 'enableCSPNonces' | 'global'>
interface HeaderTarget {
  setHeader: (name: string, value: string) => void
  removeHeader: (name: string) => void
}
type HelmetMiddleware = (request: unknown, response: HeaderTarget, next: (error?: unknown) => void) => void

// Helmet itself, through @fastify/helmet (whose dependency it is), so that the two never differ in version.
const helmet = createRequire(createRequire(import.meta.url).resolve('@fastify/helmet'))('helmet') as (options: HelmetOptions) => HelmetMiddleware

/**
 * The headers helmet sets for these options. They depend on nothing in the request (no nonces, no directive
 * given as a function), so helmet is run once, against a stand-in response that records them.
 */
export function securityHeadersFor(options: HelmetOptions): [string, string][] {
  const headers = new Map<string, string>()
  let failure: unknown
  helmet(options)(
    {},
    { setHeader: (name, value) => headers.set(name, String(value)), removeHeader: (name) => headers.delete(name) },
    (error) => (failure = error),
  )
  if (failure) throw failure
  return [...headers]
}

/**
 * Helmet's headers on every answer (hijacked ones too: they are set on the raw response as soon as the request
 * arrives, as @fastify/helmet does). @fastify/helmet builds a new helmet middleware for each request, parsing the
 * Content-Security-Policy again every time: a tenth of what a join request costs. These are worked out once.
 */
export function addSecurityHeaders(app: FastifyInstance, options: HelmetOptions): void {
  const headers = securityHeadersFor(options)
  app.addHook('onRequest', (_request, reply, done) => {
    for (const [name, value] of headers) reply.raw.setHeader(name, value)
    done()
  })
}
