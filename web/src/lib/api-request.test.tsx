import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { isApiError, networkErrorStatus } from './api-error'
import { csrfHeader, requestApi } from './api-request'

// The public pages' small client, against a replaced fetch: the same rules as the typed client (api-client.test.tsx).

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

describe('the public pages’ API client', () => {
  it('reads with the path parameters encoded, same-origin, without the CSRF header', async () => {
    fetchMock.mockResolvedValueOnce(json({ name: 'Org', accentColour: '#4f46e5', logoUrl: null }))
    const view = await requestApi('get', '/api/public/webinars/{slug}', { path: { slug: 'a/b c' } })
    expect(view).toEqual({ name: 'Org', accentColour: '#4f46e5', logoUrl: null })
    const request = sentRequest()
    expect(request.method).toBe('GET')
    expect(new URL(request.url).pathname).toBe('/api/public/webinars/a%2Fb%20c')
    expect(request.credentials).toBe('same-origin')
    expect(request.headers.get(csrfHeader.name)).toBeNull()
    expect(request.headers.get('content-type')).toBeNull()
  })

  it('sends changes with the CSRF header, and JSON only when there is a body', async () => {
    fetchMock.mockResolvedValueOnce(json({ status: 'approved', email: 'vera@example.com' }, 201))
    await requestApi('post', '/api/public/webinars/{slug}/registrations', { path: { slug: 'calm' }, body: { name: 'Vera', email: 'vera@example.com' } })
    expect(sentRequest().headers.get(csrfHeader.name)).toBe(csrfHeader.value)
    expect(sentRequest().headers.get('content-type')).toBe('application/json')
    expect(await sentRequest().json()).toEqual({ name: 'Vera', email: 'vera@example.com' })

    fetchMock.mockResolvedValueOnce(json({ ticket: 't' }))
    await requestApi('post', '/api/join/{token}/room-ticket', { path: { token: 'tok' } })
    expect(sentRequest().headers.get(csrfHeader.name)).toBe(csrfHeader.value)
    expect(sentRequest().headers.get('content-type')).toBeNull()
  })

  it('throws the server’s error with its fields, a readable one without a body, and a network error', async () => {
    fetchMock.mockResolvedValueOnce(json({ error: { code: 'validation_failed', message: 'Check the form.', fields: { email: 'is required' }, requestId: 'r1' } }, 400))
    const refused = await requestApi('get', '/api/join/{token}', { path: { token: 't' } }).catch((error: unknown) => error)
    expect(isApiError(refused, 400) && refused.code === 'validation_failed' && refused.fields.email === 'is required').toBe(true)

    fetchMock.mockResolvedValueOnce(new Response('', { status: 404 }))
    const missing = await requestApi('get', '/api/join/{token}', { path: { token: 't' } }).catch((error: unknown) => error)
    expect(isApiError(missing, 404) && missing.message).toBe('This was not found. It may have been removed.')

    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'))
    const offline = await requestApi('get', '/api/join/{token}', { path: { token: 't' } }).catch((error: unknown) => error)
    expect(isApiError(offline, networkErrorStatus)).toBe(true)

    fetchMock.mockResolvedValueOnce(new Response('', { status: 200 }))
    const empty = await requestApi('get', '/api/join/{token}', { path: { token: 't' } }).catch((error: unknown) => error)
    expect(isApiError(empty) && empty.code).toBe('empty_response')
  })

  it('lets a cancelled request stay an AbortError', async () => {
    const controller = new AbortController()
    fetchMock.mockImplementationOnce(async () => {
      controller.abort()
      throw new DOMException('The operation was aborted.', 'AbortError')
    })
    const outcome = await requestApi('get', '/api/public/branding', { signal: controller.signal }).catch((error: unknown) => error)
    expect(outcome instanceof DOMException && outcome.name).toBe('AbortError')
  })
})
