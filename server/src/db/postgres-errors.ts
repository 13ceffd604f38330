/** The SQLSTATE of a failed query, whether pg's error arrives directly or wrapped by drizzle (as `cause`). */
export function postgresErrorCode(error: unknown): string | undefined {
  const failure = error as { code?: string; cause?: { code?: string } }
  return failure.cause?.code ?? failure.code
}

export const uniqueViolation = '23505'
export const foreignKeyViolation = '23503'

// Node's socket errors when the server is down or the connection breaks.
const connectionErrorCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN'])
// SQLSTATE class 08 (connection exception) is matched by prefix; 57P01 admin_shutdown, 57P02 crash_shutdown,
// 57P03 cannot_connect_now (starting up or shutting down), 53300 too_many_connections.
const unavailableSqlStates = new Set(['57P01', '57P02', '57P03', '53300'])
// pg reports a connection that ends under a query, or a client that already lost its connection, without a code.
const connectionLostMessages = [
  /^Connection terminated/,
  /^Client has encountered a connection error and is not queryable/,
  /^timeout exceeded when trying to connect/,
  /^Client was closed and is not queryable/,
]

/**
 * Whether `error` means the database could not be reached or went away (restart, failover, network), as
 * opposed to a problem with the query: such a failure is temporary and answered with 503, not 500.
 * drizzle wraps pg's error (as `cause`), and Node reports a refused connection to a name with several
 * addresses as an AggregateError, so the whole chain is looked at.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    const failure = current as { code?: unknown; message?: unknown; errors?: unknown; cause?: unknown }
    const code = typeof failure.code === 'string' ? failure.code : ''
    if (connectionErrorCodes.has(code) || code.startsWith('08') || unavailableSqlStates.has(code)) return true
    if (typeof failure.message === 'string' && connectionLostMessages.some((pattern) => pattern.test(failure.message as string))) return true
    if (Array.isArray(failure.errors) && failure.errors.some((inner) => isDatabaseUnavailable(inner))) return true
    current = failure.cause
  }
  return false
}
