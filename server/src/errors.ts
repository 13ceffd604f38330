import { ErrorCode } from '@webinar/shared/errors'

const statusByCode: Record<ErrorCode, number> = {
  validation_failed: 400,
  bad_request: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  slow_mode: 429,
  upstream_failed: 502,
  service_unavailable: 503,
  internal_error: 500,
}

/** A failure a caller can understand. Services throw these; the error handler turns them into the error shape. */
export class AppError extends Error {
  readonly statusCode: number

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message)
    this.name = 'AppError'
    this.statusCode = statusByCode[code] ?? 500
  }
}

export const notFound = (what: string) => new AppError(ErrorCode.notFound, `${what} was not found.`)
export const forbidden = (message = 'You do not have permission to do this.') => new AppError(ErrorCode.forbidden, message)
export const conflict = (message: string) => new AppError(ErrorCode.conflict, message)
export const unauthenticated = (message = 'Sign in to continue.') => new AppError(ErrorCode.unauthenticated, message)
