import { csrfHeaderName, csrfHeaderValue } from '@webinar/shared/auth'
import type { ErrorResponse } from '@webinar/shared/errors'

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

interface RequestOptions {
  body?: unknown
  signal?: AbortSignal
  /** Extra headers, e.g. the attendee's `x-join-token` in the room. */
  headers?: Record<string, string>
}

/**
 * The one way the SPA talks to the API: same-origin cookies for the session, the CSRF header the server
 * requires on every cookie-authenticated change, and every failure turned into an `ApiError`.
 */
async function request<T>(method: string, path: string, { body, signal, headers: extraHeaders }: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { ...extraHeaders, [csrfHeaderName]: csrfHeaderValue, accept: 'application/json' }
  // The server rejects a JSON content type with an empty body, so only say JSON when there is one.
  if (body !== undefined) headers['content-type'] = 'application/json'

  let response: Response
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    })
  } catch (error) {
    if (signal?.aborted) throw error
    throw new ApiError({
      status: networkErrorStatus,
      code: 'network_error',
      message: 'Could not reach the server. Check your connection and try again.',
    })
  }

  const data = await readJson(response)
  if (!response.ok) {
    if (isErrorResponse(data)) {
      const { code, message, fields, requestId } = data.error
      throw new ApiError({ status: response.status, code, message, fields, requestId })
    }
    throw new ApiError({ status: response.status, code: 'http_error', message: fallbackMessage(response.status) })
  }
  return data as T
}

export const api = {
  get: <T>(path: string, options?: Omit<RequestOptions, 'body'>) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>) => request<T>('POST', path, { ...options, body }),
  patch: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>) => request<T>('PATCH', path, { ...options, body }),
  delete: <T = void>(path: string, options?: Omit<RequestOptions, 'body'>) => request<T>('DELETE', path, options),
}
