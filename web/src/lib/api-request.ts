import { apiErrorOf, emptyResponseApiError, networkApiError } from './api-error'
import type { ApiAnswer, ApiRequestBody } from './api-client'
import type { paths } from './api-types'

// The public pages' way to call the API: the same rules as the typed client (api-client.ts: same-origin cookies,
// the CSRF header on changes, an ApiError for anything but a 2xx, paths and bodies checked against the OpenAPI
// document), in a few hundred bytes instead of openapi-fetch's, because a registrant's first page load pays for
// every byte (bench B6).

/**
 * The server refuses cookie-authenticated changes without this header. The same words as shared/src/auth.ts
 * (api-request.test.ts holds them equal): importing them from there would bring that module's schemas, and
 * TypeBox with them, into the public pages.
 */
export const csrfHeader = { name: 'x-requested-with', value: 'webinar-app' } as const

type Method = 'get' | 'post'

type PathParameters<Path extends keyof paths, M extends keyof paths[Path]> = paths[Path][M] extends { parameters: { path: infer Parameters } }
  ? Parameters
  : never

export interface ApiRequestOptions<Path extends keyof paths, M extends keyof paths[Path]> {
  /** The `{name}` parts of the path, encoded here. */
  path?: PathParameters<Path, M>
  body?: ApiRequestBody<Path, M>
  signal?: AbortSignal
}

/** The JSON answer of a call that succeeded; throws an `ApiError` for every other outcome (an aborted call stays an AbortError). */
export async function requestApi<Path extends keyof paths, M extends Method & keyof paths[Path]>(
  method: M,
  path: Path,
  { path: parameters, body, signal }: ApiRequestOptions<Path, M> = {},
): Promise<ApiAnswer<Path, M>> {
  const filled = (path as string).replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String((parameters as Record<string, unknown>)[name])))
  const headers = new Headers({ accept: 'application/json' })
  if (method !== 'get') headers.set(csrfHeader.name, csrfHeader.value)
  if (body !== undefined) headers.set('content-type', 'application/json')
  let response: Response
  try {
    // Absolute, so that the Request can be built where there is no document to resolve against (tests).
    response = await globalThis.fetch(
      new Request(new URL(filled, globalThis.location.origin), {
        method: method.toUpperCase(),
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'same-origin',
        signal,
      }),
    )
  } catch (error) {
    if (signal?.aborted) throw error
    throw networkApiError()
  }
  if (!response.ok) throw await apiErrorOf(response)
  const text = await response.text()
  if (!text) throw emptyResponseApiError(response.status)
  return JSON.parse(text) as ApiAnswer<Path, M>
}
