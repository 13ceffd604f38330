import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { JoinView } from '@webinar/shared/registrations'
import { describe, expect, it, vi } from 'vitest'
import { fakeApiForEachTest, jsonResponse } from '@/test/app-test-kit'
import { PublicApp, publicPageAt } from './public-app'

const token = 'tok_'.padEnd(43, 'x')

const view = (overrides: { registration?: Partial<JoinView['registration']>; webinar?: Partial<JoinView['webinar']> } = {}): JoinView => ({
  registration: { name: 'Vera Visitor', email: 'vera@example.com', status: 'pending', streamUserId: 'u1', ...overrides.registration },
  webinarId: 'a1d7c1de-0000-4000-8000-000000000001',
  call: { type: 'webinar', id: 'c1' },
  webinar: {
    slug: 'calm-products',
    title: 'Designing calm products',
    description: '',
    hostName: 'Olive Owner',
    startTime: '2031-03-04T17:00:00.000Z',
    endTime: '2031-03-04T18:00:00.000Z',
    timezone: 'Europe/Paris',
    durationMinutes: 60,
    status: 'scheduled',
    approvalMode: 'manual',
    liveStartedAt: null,
    endedAt: null,
    ...overrides.webinar,
  },
  joinOpensAt: '2031-03-04T16:45:00.000Z',
  viewing: { mode: 'webrtc', hlsPlaylistUrl: null, isCaptioning: false },
})

const api = fakeApiForEachTest()

function openAt(path: string) {
  window.history.replaceState(null, '', path)
  api.on('GET', '/api/public/branding', jsonResponse({ name: 'Northwind Events', accentColour: '#0f766e', logoUrl: null }))
  const onLeave = vi.fn()
  render(<PublicApp onLeave={onLeave} />)
  return { onLeave }
}

describe('the public app', () => {
  it('knows its pages and their parameter, as the app’s router reads them', () => {
    expect(publicPageAt('/w/calm-products')?.param).toBe('calm-products')
    expect(publicPageAt('/W/calm-products/')?.param).toBe('calm-products')
    expect(publicPageAt(`/join/${token}`)?.param).toBe(token)
    expect(publicPageAt('/join/a%20b/cancel')?.param).toBe('a b')
    expect(publicPageAt('/join/a%E0%A4%A/replay')?.param).toBe('a%E0%A4%A')
    for (const other of [`/join/${token}/room`, '/s/calm-products', '/admin/webinars', '/', '/w/', '/w/a/b']) expect(publicPageAt(other)).toBeUndefined()
  })

  it('goes from one public page to another without a page load, in the organisation’s brand', async () => {
    api.on('GET', '/api/join/:token', jsonResponse(view()))
    openAt(`/join/${token}`)

    expect(await screen.findByRole('heading', { name: 'Your registration is awaiting approval' })).toBeTruthy()
    expect(await screen.findByText('Northwind Events')).toBeTruthy()
    const before = window.history.length
    fireEvent.click(screen.getByRole('link', { name: 'Cancel my registration' }))

    expect(await screen.findByRole('heading', { name: 'Cancel your registration for Designing calm products?' })).toBeTruthy()
    expect(window.location.pathname).toBe(`/join/${token}/cancel`)
    expect(window.history.length).toBe(before + 1)
    fireEvent.click(screen.getByRole('link', { name: 'Keep my registration' }))
    expect(await screen.findByRole('heading', { name: 'Your registration is awaiting approval' })).toBeTruthy()
    expect(window.location.pathname).toBe(`/join/${token}`)
  })

  it('hands over to the app for the room when the webinar is live, in place of the personal page', async () => {
    api.on('GET', '/api/join/:token', jsonResponse(view({ registration: { status: 'approved' }, webinar: { status: 'live' } })))
    const { onLeave } = openAt(`/join/${token}`)
    const before = window.history.length

    await waitFor(() => expect(onLeave).toHaveBeenCalledTimes(1))
    expect(window.location.pathname).toBe(`/join/${token}/room`)
    expect(window.history.length).toBe(before)
  })
})
