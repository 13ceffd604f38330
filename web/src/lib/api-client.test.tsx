import { csrfHeaderName, csrfHeaderValue } from '@webinar/shared/auth'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { apiClient, dataOf, noContent, queryOf } from './api-client'
import { isApiError, networkErrorStatus } from './api-error'

// The typed client's middleware, against a replaced fetch: what goes out (URL, CSRF header, body) and how
// every kind of failure comes back (ApiError with the server's vocabulary, network errors, cancellations).

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
const fetchMock = vi.fn<(request: Request) => Promise<Response>>()

function sentRequest(): Request {
  const request = fetchMock.mock.calls.at(-1)?.[0]
  if (!request) throw new Error('nothing was sent')
  return request
}

beforeEach(() => {
  fetchMock.mockReset()
  vi.stubGlobal('fetch', fetchMock)
})

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('the typed API client', () => {
  it('reads without the CSRF header, encodes path parameters and drops empty query parameters', async () => {
    fetchMock.mockResolvedValueOnce(json({ items: [], total: 0, limit: 20, offset: 0 }))
    await dataOf(apiClient.GET('/api/webinars/{id}/registrations', { params: { path: { id: 'a/b' }, query: queryOf({ q: '', limit: 20 }) } }))
    const request = sentRequest()
    expect(request.method).toBe('GET')
    expect(new URL(request.url).pathname + new URL(request.url).search).toBe('/api/webinars/a%2Fb/registrations?limit=20')
    expect(request.headers.get(csrfHeaderName)).toBeNull()
    expect(request.credentials).toBe('same-origin')
  })

  it('sends the CSRF header with changes, and JSON only when there is a body', async () => {
    fetchMock.mockResolvedValueOnce(json({ needsSetup: false }, 201))
    await dataOf(apiClient.POST('/api/auth/login', { body: { email: 'a@example.com', password: 'secret' } }))
    expect(sentRequest().headers.get(csrfHeaderName)).toBe(csrfHeaderValue)
    expect(sentRequest().headers.get('content-type')).toBe('application/json')
    expect(await sentRequest().json()).toEqual({ email: 'a@example.com', password: 'secret' })

    fetchMock.mockResolvedValueOnce(new Response(null, { status: 204 }))
    await expect(noContent(apiClient.POST('/api/auth/logout'))).resolves.toBeUndefined()
    expect(sentRequest().headers.get(csrfHeaderName)).toBe(csrfHeaderValue)
    expect(sentRequest().headers.get('content-type')).toBeNull()
  })

  it("turns the server's error answer into an ApiError", async () => {
    fetchMock.mockResolvedValueOnce(
      json({ error: { code: 'validation_failed', message: 'Check the form', fields: { email: 'Not an e-mail' }, requestId: 'req-1' } }, 400),
    )
    const error: unknown = await dataOf(apiClient.POST('/api/users', { body: { email: 'x', name: 'X', password: 'p', role: 'admin' } })).catch(
      (caught: unknown) => caught,
    )
    expect(isApiError(error, 400)).toBe(true)
    expect(error).toMatchObject({ code: 'validation_failed', message: 'Check the form', fields: { email: 'Not an e-mail' }, requestId: 'req-1' })
  })

  it('gives a readable message when the answer is not the error shape', async () => {
    fetchMock.mockResolvedValueOnce(new Response('<html>Bad gateway</html>', { status: 502 }))
    await expect(dataOf(apiClient.GET('/api/me'))).rejects.toMatchObject({
      status: 502,
      code: 'http_error',
      message: 'The server had a problem. Try again in a moment.',
    })
  })

  it('reports an unreachable server as a network error, but a cancelled request as cancelled', async () => {
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'))
    await expect(dataOf(apiClient.GET('/api/me'))).rejects.toMatchObject({ status: networkErrorStatus, code: 'network_error' })

    const controller = new AbortController()
    fetchMock.mockImplementationOnce(async () => {
      controller.abort()
      throw new DOMException('The operation was aborted.', 'AbortError')
    })
    const error: unknown = await dataOf(apiClient.GET('/api/me', { signal: controller.signal })).catch((caught: unknown) => caught)
    expect(isApiError(error)).toBe(false)
    expect(error).toMatchObject({ name: 'AbortError' })
  })
})
