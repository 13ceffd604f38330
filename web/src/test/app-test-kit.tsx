import { cleanup, render } from '@testing-library/react'
import type { ReactNode } from 'react'
import { createMemoryRouter, RouterProvider } from 'react-router'
import { afterEach, beforeEach, vi } from 'vitest'
import { AppProviders } from '@/app/providers'
import { forgetPublicQueries } from '@/lib/public-query'

// Component tests render the real components, hooks, API client and react-query against a replaced `fetch`:
// what they check is what a person sees and what the browser would send.

export interface SentRequest {
  method: string
  /** Path and query, e.g. /api/webinars?limit=20. */
  path: string
  headers: Headers
  /** The JSON body, parsed; undefined when there was none. */
  body: unknown
}

type Answer = Response | ((request: SentRequest) => Response | Promise<Response>)

export const jsonResponse = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })

/** The server's error vocabulary (shared/src/errors.ts). */
export const errorResponse = (status: number, code: string, message: string, fields?: Record<string, string>) =>
  jsonResponse({ error: { code, message, ...(fields ? { fields } : {}), requestId: 'req-test' } }, status)

async function sentRequestOf(input: RequestInfo | URL, init?: RequestInit): Promise<SentRequest> {
  const request = input instanceof Request ? input : new Request(new URL(String(input), 'http://localhost'), init)
  const url = new URL(request.url)
  const text = await request.clone().text()
  return { method: request.method, path: `${url.pathname}${url.search}`, headers: request.headers, body: text ? (JSON.parse(text) as unknown) : undefined }
}

/**
 * A stand-in for the API: answers by method and path (a pattern such as /api/rooms/:id/chat matches any id),
 * remembers what was sent, and answers 404 to anything it was not told about.
 */
export function fakeApi() {
  const routes: { method: string; pattern: RegExp; answer: Answer }[] = []
  const sent: SentRequest[] = []
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = await sentRequestOf(input, init)
    sent.push(request)
    const route = routes.findLast((candidate) => candidate.method === request.method && candidate.pattern.test(request.path.split('?')[0]!))
    if (!route) return errorResponse(404, 'not_found', `unexpected ${request.method} ${request.path}`)
    return typeof route.answer === 'function' ? route.answer(request) : route.answer.clone()
  })
  return {
    fetch,
    sent,
    /** Answers `method path` with this response (or what the function makes of the request); the latest rule wins. */
    on(method: string, path: string, answer: Answer) {
      const pattern = new RegExp(`^${path.replace(/:[a-zA-Z]+/g, '[^/]+')}$`)
      routes.push({ method, pattern, answer })
    },
    /** What was sent to `method path` (same patterns as `on`), oldest first. */
    sentTo(method: string, path: string): SentRequest[] {
      const pattern = new RegExp(`^${path.replace(/:[a-zA-Z]+/g, '[^/]+')}$`)
      return sent.filter((request) => request.method === method && pattern.test(request.path.split('?')[0]!))
    },
  }
}

export type FakeApi = ReturnType<typeof fakeApi>

/** For the tests of one file: a new fake API as `fetch` before each test, unmounted and put back after it. */
export function fakeApiForEachTest(): FakeApi {
  const api = {} as FakeApi
  beforeEach(() => {
    Object.assign(api, fakeApi())
    vi.stubGlobal('fetch', api.fetch)
  })
  afterEach(() => {
    cleanup()
    forgetPublicQueries()
    vi.unstubAllGlobals()
  })
  return api
}

/** Renders inside the app's providers (react-query, toasts) and a router, at `path`. */
export function renderInApp(ui: ReactNode, { path = '/' }: { path?: string } = {}) {
  const router = createMemoryRouter([{ path: '*', element: ui }], { initialEntries: [path] })
  return { router, ...render(<AppProviders><RouterProvider router={router} /></AppProviders>) }
}
