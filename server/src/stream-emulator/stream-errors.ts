/**
 * Stream's numeric error codes, as listed in its API error table (the same table serves Chat and Video).
 * The node-sdk surfaces `code` on the error it throws, so callers branch on these numbers.
 */
export const streamErrorCodes = {
  internal: -1,
  accessKey: 2,
  input: 4,
  authentication: 5,
  rateLimited: 9,
  doesNotExist: 16,
  notAllowed: 17,
  payloadTooBig: 22,
  requestTimeout: 23,
  tokenExpired: 40,
  tokenNotValidYet: 41,
  tokenSignatureInvalid: 43,
} as const

/** The body Stream answers every failure with (`APIError` in the OpenAPI document). */
export interface StreamErrorBody {
  code: number
  message: string
  StatusCode: number
  duration: string
  more_info: string
  details: number[]
  exception_fields?: Record<string, string>
  unrecoverable?: boolean
}

const moreInfoUrl = 'https://getstream.io/video/docs/api/errors/'

/** A failure to answer in Stream's shape; `operation` prefixes the message the way Stream's own messages read. */
export class StreamApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: number,
    message: string,
    readonly exceptionFields?: Record<string, string>,
  ) {
    super(message)
    this.name = 'StreamApiError'
  }
}

function failed(operation: string, reason: string): string {
  return `${operation} failed with error: "${reason}"`
}

export const inputError = (operation: string, reason: string, fields?: Record<string, string>) =>
  new StreamApiError(400, streamErrorCodes.input, failed(operation, reason), fields)

export const doesNotExist = (operation: string, reason: string) =>
  new StreamApiError(404, streamErrorCodes.doesNotExist, failed(operation, reason))

export const notAllowed = (operation: string, reason: string) =>
  new StreamApiError(403, streamErrorCodes.notAllowed, failed(operation, reason))

export const authenticationError = (code: number, reason: string) => new StreamApiError(401, code, reason)

/** The code Stream pairs with an HTTP status, for answers (such as injected faults) that have only a status. */
export function codeForStatus(status: number): number {
  switch (status) {
    case 400:
      return streamErrorCodes.input
    case 401:
      return streamErrorCodes.authentication
    case 403:
      return streamErrorCodes.notAllowed
    case 404:
      return streamErrorCodes.doesNotExist
    case 408:
      return streamErrorCodes.requestTimeout
    case 413:
      return streamErrorCodes.payloadTooBig
    case 429:
      return streamErrorCodes.rateLimited
    default:
      return streamErrorCodes.internal
  }
}

/** Stream reports how long it took as a Go duration string, e.g. "1.27ms". */
export function formatDuration(milliseconds: number): string {
  return `${milliseconds.toFixed(2)}ms`
}

export function toStreamErrorBody(error: StreamApiError, elapsedMs: number): StreamErrorBody {
  return {
    code: error.code,
    message: error.message,
    StatusCode: error.statusCode,
    duration: formatDuration(elapsedMs),
    more_info: moreInfoUrl,
    details: [],
    ...(error.exceptionFields ? { exception_fields: error.exceptionFields } : {}),
  }
}
