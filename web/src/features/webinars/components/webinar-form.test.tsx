import { fireEvent, screen, waitFor } from '@testing-library/react'
import { defaultRegistrationForm, type Webinar } from '@webinar/shared/webinars'
import { describe, expect, it } from 'vitest'
import { errorResponse, fakeApiForEachTest, jsonResponse, renderInApp } from '@/test/app-test-kit'
import { CreateWebinarForm } from './create-webinar-form'
import { EditWebinarForm } from './edit-webinar-form'

const webinar: Webinar = {
  id: '0b7c3a52-5d0e-4c1e-9a57-3f3f1c2d4e5f',
  slug: 'quarterly-update',
  title: 'Quarterly update',
  description: 'What shipped.',
  startTime: '2031-03-04T15:00:00.000Z',
  endTime: '2031-03-04T16:30:00.000Z',
  timezone: 'America/New_York',
  durationMinutes: 90,
  capacity: 100,
  registrationDeadline: null,
  approvalMode: 'auto',
  status: 'scheduled',
  settings: { record: true, viewerMode: 'webrtc', captions: false, chat: true, qna: true, joinAheadSeconds: 600, handRaising: true, chatSlowModeSeconds: 0 },
  host: { id: 'f1d7c1de-0000-4000-8000-000000000001', name: 'Olive Owner', email: 'olive@example.com' },
  registrationForm: { fields: [] },
  attendedThresholdSeconds: 600,
  series: null,
  streamCallType: 'webinar',
  streamCallId: 'wbn_0b7c3a525d0e4c1e9a573f3f1c2d4e5f',
  streamCallCid: 'webinar:wbn_0b7c3a525d0e4c1e9a573f3f1c2d4e5f',
  provisioning: 'ready',
  provisioningError: null,
  hlsPlaylistUrl: null,
  isCaptioning: false,
  liveStartedAt: null,
  endedAt: null,
  cancelledAt: null,
  createdAt: '2030-01-01T00:00:00.000Z',
  updatedAt: '2030-01-01T00:00:00.000Z',
}

const api = fakeApiForEachTest()

const input = (label: string) => screen.getByLabelText(label) as HTMLInputElement
const type = (label: string, value: string) => fireEvent.change(input(label), { target: { value } })

// Each keystroke renders the whole time-zone list (some 400 options) again, which jsdom takes its time over.
describe('scheduling a webinar', { timeout: 20_000 }, () => {
  it('checks the form as the CreateWebinarBody the server gets, with each message at its input', async () => {
    renderInApp(<CreateWebinarForm />)
    fireEvent.click(screen.getByRole('button', { name: 'Schedule webinar' }))
    expect(await screen.findByText('Give the webinar a title.')).toBeTruthy()
    expect(screen.getByText('Choose the day of the webinar.')).toBeTruthy()
    expect(input('Title').getAttribute('aria-invalid')).toBe('true')
    expect(input('Date').getAttribute('aria-invalid')).toBe('true')

    // The schema's bounds: 1 to 1440 minutes, at least one seat, at most an hour early.
    type('Title', 'Quarterly update')
    type('Date', '2031-03-04')
    type('Start time', '')
    type('Duration (minutes)', '0')
    type('Capacity', '0')
    type('Join ahead (minutes)', '61')
    fireEvent.click(screen.getByRole('button', { name: 'Schedule webinar' }))
    expect(await screen.findByText('Enter a duration from 1 to 1440 minutes.')).toBeTruthy()
    expect(screen.getByText('Enter a number of seats, or leave it empty.')).toBeTruthy()
    expect(screen.getByText('Enter 0 to 60 minutes.')).toBeTruthy()
    // With the day there, the missing part of the start is its time.
    expect(screen.getByText('Choose when it starts.')).toBeTruthy()
    expect(input('Start time').getAttribute('aria-invalid')).toBe('true')
    expect(screen.queryByText('Give the webinar a title.')).toBeNull()

    type('Join ahead (minutes)', '')
    fireEvent.click(screen.getByRole('button', { name: 'Schedule webinar' }))
    await waitFor(() => expect(input('Join ahead (minutes)').getAttribute('aria-invalid')).toBe('true'))
    expect(api.sent).toEqual([])
  })

  it('sends one instant in the chosen zone, numbers as numbers, and opens the new webinar', async () => {
    api.on('POST', '/api/webinars', jsonResponse(webinar, 201))
    const { router } = renderInApp(<CreateWebinarForm />, { path: '/admin/webinars/new' })
    type('Title', '  Quarterly update ')
    type('Date', '2031-03-04')
    type('Start time', '10:00')
    fireEvent.change(screen.getByLabelText('Time zone'), { target: { value: 'America/New_York' } })
    type('Duration (minutes)', '90')
    // The preview reads the start on the webinar's clocks.
    expect(screen.getByText(/^Starts/).textContent).toMatch(/10:00\sAM EST/)
    fireEvent.click(screen.getByRole('button', { name: 'Schedule webinar' }))

    await waitFor(() => expect(router.state.location.pathname).toBe(`/admin/webinars/${webinar.id}`))
    const body = api.sentTo('POST', '/api/webinars')[0]?.body as Record<string, unknown>
    expect({ ...body, startTime: new Date(String(body.startTime)).toISOString() }).toEqual({
      title: 'Quarterly update',
      description: '',
      startTime: '2031-03-04T15:00:00.000Z',
      timezone: 'America/New_York',
      durationMinutes: 90,
      capacity: null,
      approvalMode: 'auto',
      settings: { record: true, viewerMode: 'webrtc', captions: false, chat: true, qna: true, joinAheadSeconds: 600, handRaising: true, chatSlowModeSeconds: 0 },
      attendedThresholdSeconds: 600,
      // The form the builder showed, untouched: the default one.
      registrationForm: defaultRegistrationForm,
    })
    // With the zone's own offset, as the API documents it.
    expect(body.startTime).toMatch(/-05:00$/)
    expect(await screen.findByText('“Quarterly update” is scheduled.')).toBeTruthy()
  })

  it('offers how attendees watch, with each way’s trade-off, and sends the choice with captions', async () => {
    api.on('POST', '/api/webinars', jsonResponse(webinar, 201))
    renderInApp(<CreateWebinarForm />, { path: '/admin/webinars/new' })
    const inCall = screen.getByRole('radio', { name: /^In the call \(WebRTC\)/ }) as HTMLInputElement
    const broadcast = screen.getByRole('radio', { name: /^Broadcast \(HLS\)/ }) as HTMLInputElement
    // WebRTC by default: the usual webinar is an audience of hundreds that wants to talk with the host.
    expect(inCall.checked).toBe(true)
    expect(screen.getByText(/within a second/).closest('label')).toBe(inCall.closest('label'))
    expect(screen.getByText(/10–30 seconds behind/).closest('label')).toBe(broadcast.closest('label'))
    expect((screen.getByRole('checkbox', { name: /^Closed captions from the start/ }) as HTMLInputElement).checked).toBe(false)

    type('Title', 'Town hall')
    type('Date', '2031-03-04')
    fireEvent.click(broadcast)
    fireEvent.click(screen.getByRole('checkbox', { name: /^Closed captions from the start/ }))
    fireEvent.click(screen.getByRole('button', { name: 'Schedule webinar' }))
    await waitFor(() => expect(api.sentTo('POST', '/api/webinars')).toHaveLength(1))
    expect((api.sentTo('POST', '/api/webinars')[0]?.body as { settings: unknown }).settings).toMatchObject({ viewerMode: 'hls', captions: true })
  })

  it('shows the server’s answer about the start under the date and time', async () => {
    api.on('POST', '/api/webinars', errorResponse(400, 'validation_failed', 'startTime must be in the future.', { startTime: 'must be in the future' }))
    renderInApp(<CreateWebinarForm />)
    type('Title', 'Too late')
    type('Date', '2020-01-15')
    fireEvent.click(screen.getByRole('button', { name: 'Schedule webinar' }))

    expect(await screen.findByText('The start must be in the future.')).toBeTruthy()
    expect(screen.getByRole('alert').textContent).toContain('Please correct the highlighted fields.')
    expect(input('Date').getAttribute('aria-invalid')).toBe('true')
    expect(input('Title').value).toBe('Too late')
  })
})

describe('changing a webinar', { timeout: 20_000 }, () => {
  it('sends only what changed', async () => {
    api.on('PATCH', '/api/webinars/:id', jsonResponse(webinar))
    renderInApp(<EditWebinarForm webinar={webinar} />)
    // The form opens on the webinar's own clocks.
    expect(input('Date').value).toBe('2031-03-04')
    expect(input('Start time').value).toBe('10:00')
    expect(input('Duration (minutes)').value).toBe('90')

    type('Title', 'Quarterly update, take two')
    type('Capacity', '')
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }))
    await waitFor(() => expect(api.sentTo('PATCH', '/api/webinars/:id')).toHaveLength(1))
    expect(api.sentTo('PATCH', '/api/webinars/:id')[0]?.body).toEqual({ title: 'Quarterly update, take two', capacity: null })
  })

  it('opens on the saved way of watching and sends the settings when it changes', async () => {
    api.on('PATCH', '/api/webinars/:id', jsonResponse(webinar))
    renderInApp(<EditWebinarForm webinar={{ ...webinar, settings: { ...webinar.settings, viewerMode: 'hls', captions: true } }} />)
    expect((screen.getByRole('radio', { name: /^Broadcast \(HLS\)/ }) as HTMLInputElement).checked).toBe(true)
    expect((screen.getByRole('checkbox', { name: /^Closed captions from the start/ }) as HTMLInputElement).checked).toBe(true)

    fireEvent.click(screen.getByRole('radio', { name: /^In the call \(WebRTC\)/ }))
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }))
    await waitFor(() => expect(api.sentTo('PATCH', '/api/webinars/:id')).toHaveLength(1))
    expect(api.sentTo('PATCH', '/api/webinars/:id')[0]?.body).toEqual({
      settings: { record: true, viewerMode: 'webrtc', captions: true, chat: true, qna: true, joinAheadSeconds: 600, handRaising: true, chatSlowModeSeconds: 0 },
    })
  })

  it('sets slow mode from the usual intervals or any number of seconds, and whether hands may be raised', async () => {
    api.on('PATCH', '/api/webinars/:id', jsonResponse(webinar))
    renderInApp(<EditWebinarForm webinar={{ ...webinar, settings: { ...webinar.settings, chatSlowModeSeconds: 10 } }} />)
    const slowMode = screen.getByLabelText('Slow mode') as HTMLSelectElement
    expect(slowMode.value).toBe('10')
    const handRaising = screen.getByRole('checkbox', { name: /^Let attendees raise a hand to speak/ }) as HTMLInputElement
    expect(handRaising.checked).toBe(true)

    // "Other…" takes a number, checked against the setting's bounds.
    fireEvent.change(slowMode, { target: { value: 'other' } })
    type('Seconds between messages', '4000')
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }))
    expect(await screen.findByText('Enter 0 to 3600 seconds (0 turns slow mode off).')).toBeTruthy()
    type('Seconds between messages', '45')
    fireEvent.click(handRaising)
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }))
    await waitFor(() => expect(api.sentTo('PATCH', '/api/webinars/:id')).toHaveLength(1))
    expect(api.sentTo('PATCH', '/api/webinars/:id')[0]?.body).toEqual({
      settings: { record: true, viewerMode: 'webrtc', captions: false, chat: true, qna: true, joinAheadSeconds: 600, handRaising: false, chatSlowModeSeconds: 45 },
    })
  })

  it('sends the start with its zone when the time moves', async () => {
    api.on('PATCH', '/api/webinars/:id', jsonResponse(webinar))
    renderInApp(<EditWebinarForm webinar={webinar} />)
    type('Start time', '11:30')
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }))
    await waitFor(() => expect(api.sentTo('PATCH', '/api/webinars/:id')).toHaveLength(1))
    const body = api.sentTo('PATCH', '/api/webinars/:id')[0]?.body as { startTime: string; timezone: string }
    expect(Object.keys(body).sort()).toEqual(['startTime', 'timezone'])
    expect(new Date(body.startTime).toISOString()).toBe('2031-03-04T16:30:00.000Z')
    expect(body.timezone).toBe('America/New_York')
  })
})
