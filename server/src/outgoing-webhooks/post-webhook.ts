import http from 'node:http'
import https from 'node:https'
import type { LookupFunction } from 'node:net'
import type { ResolvedAddress } from './webhook-url-guard.ts'

/** What came back: the receiver's status, or why there was none. */
export type PostOutcome = { statusCode: number; body: string } | { error: string }

/** Enough of a refusal's body to tell what the receiver said, not so much that a large page fills the log. */
const maxBodyBytes = 1024

/**
 * POSTs one webhook and settles within `timeoutMs` whatever the receiver does (a connection that never answers,
 * an answer that trickles in): a worker is held no longer than that. The connection goes to `addresses`, the ones
 * checked just before, never to whatever the host name resolves to by then; TLS still checks the certificate
 * against the host name. Redirects are not followed (a 3xx is a failure), so no check is stepped around.
 */
export function postWebhook({
  url,
  addresses,
  headers,
  body,
  timeoutMs,
}: {
  url: URL
  addresses: ResolvedAddress[]
  headers: Record<string, string>
  body: string
  timeoutMs: number
}): Promise<PostOutcome> {
  const pinnedLookup: LookupFunction = (_hostname, options, callback) => {
    if (options.all) callback(null, addresses)
    else callback(null, addresses[0]!.address, addresses[0]!.family)
  }
  const transport = url.protocol === 'https:' ? https : http
  return new Promise((resolve) => {
    let isSettled = false
    const settle = (outcome: PostOutcome) => {
      if (isSettled) return
      isSettled = true
      clearTimeout(timer)
      request.destroy()
      resolve(outcome)
    }
    const timer = setTimeout(() => settle({ error: `No answer within ${timeoutMs / 1000} s.` }), timeoutMs)
    const request = transport.request(
      url,
      {
        method: 'POST',
        // A connection of its own: nothing is shared with other endpoints, nothing lingers after the answer.
        agent: false,
        lookup: pinnedLookup,
        headers: { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
      },
      (response) => {
        const statusCode = response.statusCode ?? 0
        if (statusCode >= 200 && statusCode < 300) return settle({ statusCode, body: '' })
        const chunks: Buffer[] = []
        let length = 0
        response.on('data', (chunk: Buffer) => {
          chunks.push(chunk)
          length += chunk.length
          if (length >= maxBodyBytes) settle({ statusCode, body: Buffer.concat(chunks).subarray(0, maxBodyBytes).toString('utf8') })
        })
        response.on('end', () => settle({ statusCode, body: Buffer.concat(chunks).toString('utf8') }))
        response.on('error', () => settle({ statusCode, body: Buffer.concat(chunks).toString('utf8') }))
      },
    )
    request.on('error', (error: NodeJS.ErrnoException) => settle({ error: describeConnectionError(error) }))
    request.end(body)
  })
}

function describeConnectionError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return 'The connection was refused.'
    case 'ECONNRESET':
      return 'The connection was reset.'
    case 'ETIMEDOUT':
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
      return 'The host could not be reached.'
    default:
      return error.code ? `${error.message} (${error.code})` : error.message
  }
}
