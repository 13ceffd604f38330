import type { ErrorResponse } from '@webinar/shared/errors'

// How a failed API call reads in the SPA, whichever way it was made (the typed client, api-client.ts, or the
// public pages' small one, api-request.ts). Kept apart from both so that neither drags the other along.

/** A failed API call, carrying the server's error vocabulary (shared/src/errors.ts) so forms and pages can show it. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly fields: Record<string, string>
  readonly requestId: string | undefined

  constructor(options: { status: number; code: string; message: string; fields?: Record<string, string>; requestId?: string }) {
    super(options.message)
    this.name = 'ApiError'
    this.status = options.status
    this.code = options.code
    this.fields = options.fields ?? {}
    this.requestId = options.requestId
  }
}

/** Status 0 marks failures where no answer came back at all (offline, server down, blocked). */
export const networkErrorStatus = 0

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status)
}

/** A message fit to show a person, whatever was thrown. */
export function errorMessageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message
  return 'Something unexpected went wrong. Reload the page and try again.'
}

function isErrorResponse(body: unknown): body is ErrorResponse {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false
  const { error } = body as { error: unknown }
  return typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string'
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text()
  if (!text) return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

function fallbackMessage(status: number): string {
  if (status === 401) return 'You are signed out. Sign in again.'
  if (status === 403) return 'You do not have permission to do this.'
  if (status === 404) return 'This was not found. It may have been removed.'
  if (status === 429) return 'Too many requests: wait a moment and try again.'
  if (status >= 500) return 'The server had a problem. Try again in a moment.'
  return `The request failed (HTTP ${status}).`
}

/** What a response other than 2xx means: the server's `{ error: { code, message, fields } }`, or a readable fallback. */
export async function apiErrorOf(response: Response): Promise<ApiError> {
  const body = await readJson(response)
  if (isErrorResponse(body)) {
    const { code, message, fields, requestId } = body.error
    return new ApiError({ status: response.status, code, message, fields, requestId })
  }
  return new ApiError({ status: response.status, code: 'http_error', message: fallbackMessage(response.status) })
}

/** No answer came back at all. */
export function networkApiError(): ApiError {
  return new ApiError({ status: networkErrorStatus, code: 'network_error', message: 'Could not reach the server. Check your connection and try again.' })
}

/** A call that succeeded but said nothing where an answer was due. */
export function emptyResponseApiError(status: number): ApiError {
  return new ApiError({ status, code: 'empty_response', message: 'The server sent an empty answer. Try again in a moment.' })
}
