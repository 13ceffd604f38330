import { useQuery } from '@tanstack/react-query'
import { render, screen } from '@testing-library/react'
import { ErrorCode } from '@webinar/shared/errors'
import { createMemoryRouter, RouterProvider } from 'react-router'
import { describe, expect, it } from 'vitest'
import { AppProviders } from '@/app/providers'
import { LoginRoute } from '@/app/routes/login'
import { apiClient, dataOf } from '@/lib/api-client'
import { errorMessageOf } from '@/lib/api-error'
import { errorResponse, fakeApiForEachTest, jsonResponse } from '@/test/app-test-kit'
import { useCurrentUser } from '../hooks/use-current-user'
import { RequireSignedIn } from './require-signed-in'

const me = {
  user: { id: 'f1d7c1de-0000-4000-8000-000000000001', email: 'olive@example.com', name: 'Olive Owner', role: 'owner', createdAt: '2030-01-01T00:00:00.000Z' },
  via: 'session',
}

const api = fakeApiForEachTest()

function StaffList() {
  // Pages behind RequireSignedIn read the user as given: a session ending must not render them without one.
  const user = useCurrentUser()
  const users = useQuery({ queryKey: ['users'], queryFn: () => dataOf(apiClient.GET('/api/users')) })
  if (users.isError) return <p>{errorMessageOf(users.error)}</p>
  return <h1>{users.data ? `Staff of ${user.name}` : 'Loading staff'}</h1>
}

function renderStaffPage() {
  const router = createMemoryRouter(
    [
      { path: '/admin/users', element: <RequireSignedIn><StaffList /></RequireSignedIn> },
      { path: '/login', element: <LoginRoute /> },
    ],
    { initialEntries: ['/admin/users'] },
  )
  render(<AppProviders><RouterProvider router={router} /></AppProviders>)
  return router
}

describe('a session that ends while a page is open', () => {
  it('leads to the sign-in page, which says what the server said', async () => {
    api.on('GET', '/api/setup', jsonResponse({ needsSetup: false }))
    api.on('GET', '/api/me', jsonResponse(me))
    api.on('GET', '/api/users', errorResponse(401, ErrorCode.unauthenticated, 'Your session has ended. Sign in again.'))
    const router = renderStaffPage()

    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy()
    expect(screen.getByText('Your session has ended. Sign in again.')).toBeTruthy()
    expect(router.state.location.pathname + router.state.location.search).toBe('/login?redirectTo=%2Fadmin%2Fusers')
  })

  it('says nothing to a visitor who was not signed in', async () => {
    api.on('GET', '/api/setup', jsonResponse({ needsSetup: false }))
    api.on('GET', '/api/me', errorResponse(401, ErrorCode.unauthenticated, 'Sign in to continue.'))
    renderStaffPage()

    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy()
    expect(screen.queryByText('Sign in to continue.')).toBeNull()
  })

  it('shows a temporary outage in the server’s words', async () => {
    const outage = 'The service is briefly unavailable. Try again in a few seconds.'
    api.on('GET', '/api/setup', jsonResponse({ needsSetup: false }))
    api.on('GET', '/api/me', jsonResponse(me))
    api.on('GET', '/api/users', errorResponse(503, ErrorCode.serviceUnavailable, outage))
    renderStaffPage()
    expect(await screen.findByText(outage, {}, { timeout: 8000 })).toBeTruthy()
  })
})
