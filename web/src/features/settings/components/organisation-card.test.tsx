import type { OrganisationSettings } from '@webinar/shared/organisation'
import { fireEvent, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { errorResponse, fakeApiForEachTest, jsonResponse, renderInApp } from '@/test/app-test-kit'
import { OrganisationCard } from './organisation-card'

const api = fakeApiForEachTest()

const saved: OrganisationSettings = {
  name: 'Acme Events',
  accentColour: '#4f46e5',
  hasLogo: false,
  logoUrl: null,
  mailFromName: null,
  mailFromAddress: null,
  defaultMailFrom: 'Webinars <webinars@acme.example>',
  isMailConfigured: true,
  updatedAt: null,
}

const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } })
const save = () => fireEvent.click(screen.getByRole('button', { name: 'Save organisation' }))

async function renderCard(settings: OrganisationSettings = saved) {
  api.on('GET', '/api/organisation', jsonResponse(settings))
  renderInApp(<OrganisationCard />)
  await waitFor(() => expect((screen.getByLabelText('Organisation name') as HTMLInputElement).value).toBe(settings.name))
}

describe('the organisation card', () => {
  it('shows the saved settings, with MAIL_FROM as what empty sender fields mean', async () => {
    await renderCard()
    expect((screen.getByLabelText('Accent colour') as HTMLInputElement).value).toBe('#4f46e5')
    expect(screen.getByLabelText('Sender name').getAttribute('placeholder')).toBe('Webinars')
    expect(screen.getByLabelText('Sender address').getAttribute('placeholder')).toBe('webinars@acme.example')
    expect(screen.getByText('White text on it: 6.3:1 contrast, readable.')).toBeTruthy()
    expect(screen.getByText('No logo')).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Remove logo' })).toBeNull()
  })

  it('refuses a colour white text is hard to read on, as the server would, and sends nothing', async () => {
    await renderCard()
    type('Accent colour', '#fde68a')
    expect(screen.getByText(/White text on it: 1\.\d:1 contrast, too low/)).toBeTruthy()
    save()
    expect(await screen.findByText('Too light for white text on buttons: pick a darker colour (at least 4.5:1).')).toBeTruthy()
    type('Accent colour', 'teal')
    save()
    expect(await screen.findByText('Enter a colour as # and six hexadecimal digits, like #0f766e.')).toBeTruthy()
    expect(api.sentTo('PUT', '/api/organisation')).toEqual([])
  })

  it('sends the values trimmed and empty sender fields as null, and keeps a picked colour in the text field', async () => {
    api.on('PUT', '/api/organisation', (request) => jsonResponse({ ...saved, ...(request.body as object), updatedAt: '2030-01-01T00:00:00.000Z' }))
    await renderCard()
    type('Organisation name', '  Northwind  ')
    fireEvent.input(screen.getByLabelText('Colour picker'), { target: { value: '#0f766e' } })
    expect((screen.getByLabelText('Accent colour') as HTMLInputElement).value).toBe('#0f766e')
    type('Sender address', ' events@northwind.example ')
    save()
    expect(await screen.findByText('Organisation saved. Public pages and new mail use it now.')).toBeTruthy()
    expect(api.sentTo('PUT', '/api/organisation')[0]?.body).toEqual({
      name: 'Northwind',
      accentColour: '#0f766e',
      mailFromName: null,
      mailFromAddress: 'events@northwind.example',
    })
  })

  it("puts the server's refusals at their fields", async () => {
    api.on('PUT', '/api/organisation', errorResponse(400, 'validation_failed', 'The name must be one line.', { name: 'must be one line, without tabs or other control characters' }))
    await renderCard()
    save()
    expect(await screen.findByText('Must be one line, without tabs or other control characters')).toBeTruthy()
    expect(screen.getByLabelText('Organisation name').getAttribute('aria-invalid')).toBe('true')
  })

  it('refuses an SVG logo before sending it, and offers to remove a logo there is', async () => {
    await renderCard({ ...saved, hasLogo: true, logoUrl: '/api/public/branding/logo?v=1' })
    expect(screen.getByRole('img', { name: 'The current logo' }).getAttribute('src')).toBe('/api/public/branding/logo?v=1')
    const svg = new File(['<svg xmlns="http://www.w3.org/2000/svg"/>'], 'logo.svg', { type: 'image/svg+xml' })
    fireEvent.change(screen.getByLabelText('Logo'), { target: { files: [svg] } })
    expect(await screen.findByText('SVG files are not accepted (they can carry scripts): use a PNG, JPEG or WebP image.')).toBeTruthy()
    const large = new File([new Uint8Array(300 * 1024)], 'large.png', { type: 'image/png' })
    fireEvent.change(screen.getByLabelText('Logo'), { target: { files: [large] } })
    expect(await screen.findByText('The logo may be at most 256 KB; this file has 300 KB.')).toBeTruthy()
    expect(api.sentTo('PUT', '/api/organisation/logo')).toEqual([])

    api.on('DELETE', '/api/organisation/logo', new Response(null, { status: 204 }))
    fireEvent.click(screen.getByRole('button', { name: 'Remove logo' }))
    expect(await screen.findByText('Logo removed.')).toBeTruthy()
    expect(api.sentTo('DELETE', '/api/organisation/logo')).toHaveLength(1)
  })
})
