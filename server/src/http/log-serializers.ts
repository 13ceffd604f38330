import type { IncomingMessage } from 'node:http'
import { stdSerializers } from 'pino'

// A join token is the whole credential of a registrant, and a studio token of a guest panelist: each is a path
// segment of every personal link (`/join/:token`, `/api/join/:token/...`, `/stage/:token`, `/api/stage/:token/...`).
// Query strings that carry credentials are blanked too.
const joinTokenSegment = /(\/join\/)[^/?#]+/g
// Only the panelist's own paths: a webinar's `/api/webinars/:id/stage/requests/...` carries no secret.
const studioTokenSegment = /^((?:\/api)?\/stage\/)[^/?#]+/
const credentialInQuery = /([?&](?:ticket|token|api_key|key|secret|password)=)[^&#]*/gi

/** The URL as it may appear in logs: join and studio tokens and credentials in the query replaced by `[redacted]`. */
export function redactUrl(url: string): string {
  return url.replace(joinTokenSegment, '$1[redacted]').replace(studioTokenSegment, '$1[redacted]').replace(credentialInQuery, '$1[redacted]')
}

// What a database error may carry of the data it was given: drizzle's `params` (the query's bind values:
// password and token hashes, e-mail addresses, names), which its message repeats, and PostgreSQL's `detail`
// ("Key (email)=(…) already exists"). pg's own query config (`parameters`, `values`) is dropped for the same reason.
const dataCarryingFields = new Set(['params', 'parameters', 'values', 'detail'])

/**
 * A copy of the error (and its causes) without bind values, for logging: the fields above are left out, and
 * drizzle's "Failed query: …\nparams: …" message keeps only the query text (placeholders, no values).
 */
export function withoutBindValues(error: unknown, seen = new Set<unknown>()): unknown {
  if (error === null || typeof error !== 'object' || seen.has(error) || typeof (error as Error).message !== 'string') return error
  seen.add(error)
  const original = error as Error & Record<string, unknown>
  const copy = Object.create(Object.getPrototypeOf(original) as object) as Record<string, unknown>
  for (const key of Object.keys(original)) {
    if (!dataCarryingFields.has(key)) copy[key] = original[key]
  }
  const query = typeof original.query === 'string' && Array.isArray(original.params) ? original.query : undefined
  const message = query !== undefined ? `Failed query: ${query}` : original.message
  const stack = typeof original.stack === 'string' ? original.stack.replace(original.message, () => message) : undefined
  Object.defineProperty(copy, 'message', { value: message, enumerable: false, writable: true, configurable: true })
  if (stack !== undefined) Object.defineProperty(copy, 'stack', { value: stack, enumerable: false, writable: true, configurable: true })
  if (original.cause !== undefined) copy.cause = withoutBindValues(original.cause, seen)
  if (Array.isArray(original.errors)) {
    const errors = original.errors.map((inner) => withoutBindValues(inner, seen))
    Object.defineProperty(copy, 'errors', { value: errors, enumerable: false, writable: true, configurable: true })
  }
  return copy
}

/**
 * pino options for the app's logger. `logger.error(error)` makes the error's own message the line's `msg`,
 * past the serializer: the hook turns it into `logger.error({ err: error }, message without bind values)`.
 */
export const logHooks = {
  logMethod(this: unknown, args: unknown[], method: (...args: unknown[]) => void) {
    const [first, ...rest] = args
    if (first instanceof Error) {
      const message = typeof rest[0] === 'string' ? rest.shift() : (withoutBindValues(first) as Error).message
      return method.apply(this, [{ err: first }, message, ...rest])
    }
    return method.apply(this, args)
  },
}

/**
 * pino serializers for the app's logger: Fastify's request fields, with the URL redacted, and errors without
 * the data of the query that failed. Headers are never logged (cookies, API keys and Stream tokens travel there).
 */
export const logSerializers = {
  err(error: unknown) {
    return stdSerializers.err(withoutBindValues(error) as Error)
  },
  req(request: IncomingMessage & { ip?: string; hostname?: string }) {
    return {
      method: request.method,
      url: redactUrl(request.url ?? ''),
      host: request.headers?.host,
      remoteAddress: request.ip ?? request.socket?.remoteAddress,
    }
  },
}
