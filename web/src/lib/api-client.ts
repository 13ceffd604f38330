import { csrfHeaderName, csrfHeaderValue } from '@webinar/shared/auth'
import createClient, { type Middleware } from 'openapi-fetch'
import { apiErrorOf, emptyResponseApiError, networkApiError } from './api-error'
import type { paths } from './api-types'

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
    throw await apiErrorOf(response)
  },
  onError({ request }) {
    // A cancelled request (react-query's signal) stays an AbortError: nothing failed.
    if (request.signal.aborted) return undefined
    return networkApiError()
  },
}

/**
 * How the SPA talks to the API, typed by the server's own OpenAPI document (api-types.ts, `pnpm api:types`):
 * paths, parameters, bodies and answers are checked by the compiler. Same-origin cookies carry the session; the
 * middleware adds the CSRF header to changes and throws an `ApiError` for anything but a 2xx, so a call that
 * returns has succeeded. The public pages use api-request.ts instead: the same rules in far fewer bytes.
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
  if (data === undefined) throw emptyResponseApiError(response.status)
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
