import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { fakeApiForEachTest, jsonResponse, renderInApp } from '@/test/app-test-kit'
import { PersonRequestCard } from './person-request-card'

const api = fakeApiForEachTest()

const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } })

describe('answering a person’s request by e-mail address', () => {
  const downloads: { href: string; download: string }[] = []
  beforeEach(() => {
    downloads.length = 0
    // jsdom has no object URLs and does not download (each test file has a jsdom of its own): what the page hands to
    // the browser is recorded instead.
    URL.createObjectURL = vi.fn(() => 'blob:person')
    URL.revokeObjectURL = vi.fn()
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      downloads.push({ href: this.href, download: this.download })
    })
  })
  afterEach(() => vi.restoreAllMocks())

  it('refuses what is not an address, and sends nothing', async () => {
    renderInApp(<PersonRequestCard />)
    type('E-mail address', 'ada@')
    fireEvent.click(screen.getByRole('button', { name: 'Export data (JSON)' }))
    expect(await screen.findByText('Enter the e-mail address they registered with, e.g. ada@example.com.')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Erase this person…' }))
    expect(screen.queryByRole('alertdialog')).toBeNull()
    expect(api.sent).toEqual([])
  })

  it('exports with the address in the body, never in the URL, and downloads the file under the server’s name', async () => {
    api.on('POST', '/api/people/export', () =>
      new Response(JSON.stringify({ email: 'ada@example.com', exportedAt: '2030-06-01T09:00:00.000Z', registrations: [] }), {
        headers: { 'content-type': 'application/json', 'content-disposition': 'attachment; filename="person-3f6a9c2e.json"' },
      }),
    )
    renderInApp(<PersonRequestCard />)
    type('E-mail address', ' ada@example.com ')
    fireEvent.click(screen.getByRole('button', { name: 'Export data (JSON)' }))

    expect(await screen.findByText('Nothing is held under ada@example.com: person-3f6a9c2e.json lists no registrations.')).toBeTruthy()
    const [sent] = api.sentTo('POST', '/api/people/export')
    expect(sent?.body).toEqual({ email: 'ada@example.com' })
    expect(sent?.path).toBe('/api/people/export')
    expect(downloads).toEqual([{ href: 'blob:person', download: 'person-3f6a9c2e.json' }])
  })

  it('erases only once the address is typed again, then says how many registrations went', async () => {
    api.on('POST', '/api/people/erase', jsonResponse({ erasedRegistrations: 2 }))
    api.on('GET', '/api/audit-log', jsonResponse({ items: [], total: 0, limit: 20, offset: 0 }))
    renderInApp(<PersonRequestCard />)
    type('E-mail address', 'ada@example.com')
    fireEvent.click(screen.getByRole('button', { name: 'Erase this person…' }))

    const dialog = await screen.findByRole('alertdialog', { name: 'Erase this person’s data?' })
    const confirm = within(dialog).getByRole('button', { name: 'Erase this person' }) as HTMLButtonElement
    expect(confirm.disabled).toBe(true)
    fireEvent.change(within(dialog).getByLabelText('Type the e-mail address to confirm'), { target: { value: 'ada@example.co' } })
    expect(confirm.disabled).toBe(true)
    fireEvent.change(within(dialog).getByLabelText('Type the e-mail address to confirm'), { target: { value: 'ADA@example.com' } })
    expect(confirm.disabled).toBe(false)
    fireEvent.click(confirm)

    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull())
    expect(screen.getByRole('status').textContent).toBe('Erased 2 registrations of ada@example.com.')
    expect(api.sentTo('POST', '/api/people/erase').map((request) => request.body)).toEqual([{ email: 'ada@example.com' }])
  })
})
