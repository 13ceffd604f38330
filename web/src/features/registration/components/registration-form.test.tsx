import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react'
import type { PublicWebinar } from '@webinar/shared/registrations'
import { describe, expect, it, vi } from 'vitest'
import { viewerTimezone } from '@/lib/viewer-timezone'
import { errorResponse, fakeApiForEachTest, jsonResponse, renderInApp } from '@/test/app-test-kit'
import { RegistrationForm } from './registration-form'

const webinar: PublicWebinar = {
  slug: 'designing-calm-products',
  title: 'Designing calm products',
  description: '',
  hostName: 'Olive Owner',
  startTime: '2031-03-04T17:00:00.000Z',
  endTime: '2031-03-04T18:00:00.000Z',
  timezone: 'Europe/Paris',
  durationMinutes: 60,
  status: 'scheduled',
  approvalMode: 'auto',
  liveStartedAt: null,
  endedAt: null,
  registrationForm: {
    fields: [
      { key: 'name', type: 'text', label: 'Your name', required: true },
      { key: 'email', type: 'email', label: 'Work e-mail', required: true },
      { key: 'organisation', type: 'text', label: 'Organisation', required: true },
      { key: 'team', type: 'select', label: 'Team', required: true, options: ['Design', 'Engineering'] },
      { key: 'mobile', type: 'phone', label: 'Mobile phone', required: false },
      { key: 'updates', type: 'checkbox', label: 'Tell me about the next one', required: false },
      { key: 'consent', type: 'consent', label: 'My details may be used to run this webinar', required: true },
    ],
  },
  seatsLeft: null,
  registration: { isOpen: true, closedReason: null, willWaitlist: false },
}

const registerPath = '/api/public/webinars/:slug/registrations'

const api = fakeApiForEachTest()

/** Required fields' labels end in a "*" the screen reader skips: match the words. */
const field = (label: string) => screen.getByLabelText(label, { exact: false })
const type = (label: string, value: string) => fireEvent.change(field(label), { target: { value } })
const register = () => fireEvent.click(screen.getByRole('button', { name: 'Register' }))

function fillRequired() {
  type('Your name', '  Vera Visitor ')
  type('Work e-mail', ' vera@example.com ')
  type('Organisation', ' Calm Ltd ')
  type('Team', 'Design')
  fireEvent.click(field('My details may be used to run this webinar'))
}

describe('the registration form', () => {
  it('says what is missing next to each field, focuses the first, and sends nothing', async () => {
    renderInApp(<RegistrationForm slug={webinar.slug} webinar={webinar} onRegistered={() => {}} />)
    register()

    expect(await screen.findByText('Enter your name.')).toBeTruthy()
    expect(screen.getByText('Enter your e-mail address.')).toBeTruthy()
    expect(screen.getByText('This field is required.')).toBeTruthy()
    expect(screen.getByText('Choose an option.')).toBeTruthy()
    expect(screen.getByText('Please accept this to register.')).toBeTruthy()
    const name = field('Your name')
    expect(name.getAttribute('aria-invalid')).toBe('true')
    expect(name.getAttribute('aria-required')).toBe('true')
    await waitFor(() => expect(document.activeElement).toBe(name))
    // Optional fields are left alone.
    expect(field('Mobile phone').getAttribute('aria-invalid')).toBeNull()
    expect(api.sentTo('POST', registerPath)).toEqual([])
  })

  it('says nothing while the visitor types, then, after a first try, checks each field again as it changes', async () => {
    renderInApp(<RegistrationForm slug={webinar.slug} webinar={webinar} onRegistered={() => {}} />)
    type('Work e-mail', 'vera-at')
    expect(screen.queryByText('Enter an e-mail address like name@example.com.')).toBeNull()
    type('Work e-mail', '')
    register()

    expect(await screen.findByText('Enter your name.')).toBeTruthy()
    type('Your name', 'Vera')
    expect(screen.queryByText('Enter your name.')).toBeNull()
    expect(field('Your name').getAttribute('aria-invalid')).toBeNull()
    expect(screen.getByText('Enter your e-mail address.')).toBeTruthy()
    type('Work e-mail', 'vera-at')
    expect(screen.getByText('Enter an e-mail address like name@example.com.')).toBeTruthy()
    fireEvent.click(field('My details may be used to run this webinar'))
    expect(screen.queryByText('Please accept this to register.')).toBeNull()
    expect(api.sentTo('POST', registerPath)).toEqual([])
  })

  it('checks the e-mail address’s format', async () => {
    renderInApp(<RegistrationForm slug={webinar.slug} webinar={webinar} onRegistered={() => {}} />)
    fillRequired()
    type('Work e-mail', 'vera-at-example')
    register()
    expect(await screen.findByText('Enter an e-mail address like name@example.com.')).toBeTruthy()
    expect(field('Work e-mail').getAttribute('aria-invalid')).toBe('true')
    expect(field('Your name').getAttribute('aria-invalid')).toBeNull()
    expect(api.sentTo('POST', registerPath)).toEqual([])
  })

  it('sends name, e-mail and answers trimmed, with the visitor’s time zone', async () => {
    const receipt = { status: 'approved', email: 'vera@example.com' }
    api.on('POST', registerPath, jsonResponse(receipt, 201))
    const onRegistered = vi.fn()
    renderInApp(<RegistrationForm slug={webinar.slug} webinar={webinar} onRegistered={onRegistered} />)
    fillRequired()
    register()

    await waitFor(() => expect(onRegistered).toHaveBeenCalled())
    expect(onRegistered.mock.calls[0]?.[0]).toEqual(receipt)
    const [request] = api.sentTo('POST', registerPath)
    expect(request?.path).toBe('/api/public/webinars/designing-calm-products/registrations')
    expect(request?.body).toEqual({
      name: 'Vera Visitor',
      email: 'vera@example.com',
      answers: { organisation: 'Calm Ltd', team: 'Design', mobile: '', updates: false, consent: true },
      timezone: viewerTimezone(),
    })
  })

  it('puts the server’s objections next to their fields, the first one focused', async () => {
    api.on(
      'POST',
      registerPath,
      errorResponse(400, 'validation_failed', 'answers.mobile must be a phone number.', { 'answers.mobile': 'must be a phone number, e.g. +33 6 12 34 56 78' }),
    )
    renderInApp(<RegistrationForm slug={webinar.slug} webinar={webinar} onRegistered={() => {}} />)
    fillRequired()
    type('Mobile phone', '12')
    register()

    expect(await screen.findByText('Enter a phone number, e.g. +33 6 12 34 56 78.')).toBeTruthy()
    expect(screen.getByRole('alert').textContent).toContain('Please correct the highlighted fields.')
    const mobile = field('Mobile phone')
    expect(mobile.getAttribute('aria-invalid')).toBe('true')
    await waitFor(() => expect(document.activeElement).toBe(mobile))
    expect((field('Your name') as HTMLInputElement).value).toBe('  Vera Visitor ')
  })

  it('names the button after what registering does', () => {
    renderInApp(<RegistrationForm slug={webinar.slug} webinar={{ ...webinar, approvalMode: 'manual' }} onRegistered={() => {}} />)
    expect(screen.getByRole('button', { name: 'Request to join' })).toBeTruthy()
    cleanup()
    renderInApp(<RegistrationForm slug={webinar.slug} webinar={{ ...webinar, registration: { ...webinar.registration, willWaitlist: true } }} onRegistered={() => {}} />)
    expect(screen.getByRole('button', { name: 'Join the waitlist' })).toBeTruthy()
  })

  it('links a consent to the page it refers to, opening in a new tab', () => {
    const withLink: PublicWebinar = {
      ...webinar,
      registrationForm: {
        fields: webinar.registrationForm.fields.map((field) => (field.type === 'consent' ? { ...field, linkUrl: 'https://example.com/privacy/' } : field)),
      },
    }
    renderInApp(<RegistrationForm slug={webinar.slug} webinar={withLink} onRegistered={() => {}} />)
    const link = screen.getByRole('link', { name: /example\.com\/privacy/ })
    // Where it leads, in its own words.
    expect(link.textContent).toBe('example.com/privacy(opens in a new tab)')
    expect(link.getAttribute('href')).toBe('https://example.com/privacy/')
    expect(link.getAttribute('target')).toBe('_blank')
    expect(link.getAttribute('rel')).toBe('noopener noreferrer')
    // The box is still the consent's, the link next to its words.
    const consent = field('My details may be used to run this webinar')
    expect(consent.closest('label')?.contains(link)).toBe(true)
    expect(consent.getAttribute('aria-describedby')).toBe(link.parentElement?.id)
  })
})
