import type { IncomingMessage } from 'node:http'

// A join token is the whole credential of a registrant, and it is a path segment of every personal link
// (`/join/:token`, `/api/join/:token/...`). Query strings that carry credentials are blanked too.
const joinTokenSegment = /(\/join\/)[^/?#]+/g
const credentialInQuery = /([?&](?:ticket|token|api_key|key|secret|password)=)[^&#]*/gi

/** The URL as it may appear in logs: join tokens and credentials in the query replaced by `[redacted]`. */
export function redactUrl(url: string): string {
  return url.replace(joinTokenSegment, '$1[redacted]').replace(credentialInQuery, '$1[redacted]')
}

/**
 * pino serializers for the app's logger: Fastify's request fields, with the URL redacted. Headers are never
 * logged (cookies, API keys and Stream tokens travel there).
 */
export const logSerializers = {
  req(request: IncomingMessage & { ip?: string; hostname?: string }) {
    return {
      method: request.method,
      url: redactUrl(request.url ?? ''),
      host: request.headers?.host,
      remoteAddress: request.ip ?? request.socket?.remoteAddress,
    }
  },
}
