import { csrfHeaderName, csrfHeaderValue } from '@webinar/shared/auth'
import type { ErrorResponse } from '@webinar/shared/errors'
import createClient, { type Middleware } from 'openapi-fetch'
import type { paths } from './api-types'

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

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS'])

/** The server refuses cookie-authenticated changes without this header (shared/src/auth.ts). */
const csrfHeader: Middleware = {
  onRequest({ request }) {
    if (!safeMethods.has(request.method)) request.headers.set(csrfHeaderName, csrfHeaderValue)
    return undefined
  },
}

/** Every failure becomes an `ApiError`: the server's `{ error: { code, message, fields } }`, or a readable fallback. */
const failuresAsApiErrors: Middleware = {
  async onResponse({ response }) {
    if (response.ok) return undefined
    const body = await readJson(response)
    if (isErrorResponse(body)) {
      const { code, message, fields, requestId } = body.error
      throw new ApiError({ status: response.status, code, message, fields, requestId })
    }
    throw new ApiError({ status: response.status, code: 'http_error', message: fallbackMessage(response.status) })
  },
  onError({ request }) {
    // A cancelled request (react-query's signal) stays an AbortError: nothing failed.
    if (request.signal.aborted) return undefined
    return new ApiError({
      status: networkErrorStatus,
      code: 'network_error',
      message: 'Could not reach the server. Check your connection and try again.',
    })
  },
}

/**
 * The one way the SPA talks to the API, typed by the server's own OpenAPI document (api-types.ts, `pnpm api:types`):
 * paths, parameters, bodies and answers are checked by the compiler. Same-origin cookies carry the session; the
 * middleware adds the CSRF header to changes and throws an `ApiError` for anything but a 2xx, so a call that
 * returns has succeeded.
 */
export const apiClient = createClient<paths>({
  // Absolute, so that Request objects can be built where there is no document to resolve against (tests).
  baseUrl: globalThis.location.origin,
  credentials: 'same-origin',
  headers: { accept: 'application/json' },
  // Looked up at call time, not captured once, so a replaced fetch (tests) is the one used.
  fetch: (request) => globalThis.fetch(request),
})
apiClient.use(csrfHeader, failuresAsApiErrors)

/** The JSON answer of a call that succeeded (the middleware already threw for every other outcome). */
export async function dataOf<T>(call: Promise<{ data?: T; response: Response }>): Promise<T> {
  const { data, response } = await call
  if (data === undefined) {
    throw new ApiError({ status: response.status, code: 'empty_response', message: 'The server sent an empty answer. Try again in a moment.' })
  }
  return data
}

/** Waits for a call that answers with no content (204). */
export async function noContent(call: Promise<{ response: Response }>): Promise<void> {
  await call
}

/** Query parameters without the empty ones: an empty search box means no filter, not `?q=`. */
export function queryOf<Query extends object>(query: Query): Query {
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined && value !== '')) as Query
}

type Operation<Path extends keyof paths, Method extends keyof paths[Path]> = paths[Path][Method]
type SuccessStatus = 200 | 201 | 202 | 203 | 204 | 206

/** The JSON body a route answers with on success, e.g. `ApiAnswer<'/api/webinars/{id}', 'get'>`. */
export type ApiAnswer<Path extends keyof paths, Method extends keyof paths[Path]> =
  Operation<Path, Method> extends { responses: infer Responses }
    ? {
        [Status in keyof Responses]: Status extends SuccessStatus
          ? Responses[Status] extends { content: { 'application/json': infer Body } }
            ? Body
            : never
          : never
      }[keyof Responses]
    : never

/** The JSON body a route takes, e.g. `ApiRequestBody<'/api/webinars', 'post'>`. */
export type ApiRequestBody<Path extends keyof paths, Method extends keyof paths[Path]> =
  Operation<Path, Method> extends { requestBody?: { content: { 'application/json': infer Body } } } ? Body : never
