import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import type { Series } from '@webinar/shared/series'
import type { Webinar } from '@webinar/shared/webinars'
import { describe, expect, it } from 'vitest'
import { errorResponse, fakeApiForEachTest, jsonResponse, renderInApp } from '@/test/app-test-kit'
import { EditWebinarForm } from './edit-webinar-form'

// A session of a series: saving asks whether the change is for this session only (the webinar's own PATCH) or for
// this and the following sessions (the series' "following" operation), which takes only what a series holds.

const seriesId = '5e1f3c2a-7b6d-4e8f-9a0b-1c2d3e4f5a6b'
const ids = ['0b7c3a52-5d0e-4c1e-9a57-3f3f1c2d4e51', '0b7c3a52-5d0e-4c1e-9a57-3f3f1c2d4e52', '0b7c3a52-5d0e-4c1e-9a57-3f3f1c2d4e53']

const webinar: Webinar = {
  id: ids[1]!,
  slug: 'office-hours-2027-04-06',
  title: 'Office hours',
  description: 'Bring your questions.',
  startTime: '2027-04-06T08:00:00.000Z',
  endTime: '2027-04-06T08:45:00.000Z',
  timezone: 'Europe/Berlin',
  durationMinutes: 45,
  capacity: null,
  registrationDeadline: null,
  approvalMode: 'auto',
  status: 'scheduled',
  settings: { record: true, viewerMode: 'webrtc', captions: false, chat: true, qna: true, joinAheadSeconds: 600, handRaising: true, chatSlowModeSeconds: 0 },
  host: { id: 'f1d7c1de-0000-4000-8000-000000000001', name: 'Olive Owner', email: 'olive@example.com' },
  registrationForm: { fields: [] },
  attendedThresholdSeconds: 600,
  series: { id: seriesId, slug: 'office-hours', title: 'Office hours' },
  streamCallType: 'webinar',
  streamCallId: 'wbn_0b7c3a525d0e4c1e9a573f3f1c2d4e52',
  streamCallCid: 'webinar:wbn_0b7c3a525d0e4c1e9a573f3f1c2d4e52',
  provisioning: 'ready',
  provisioningError: null,
  hlsPlaylistUrl: null,
  isCaptioning: false,
  liveStartedAt: null,
  endedAt: null,
  cancelledAt: null,
  createdAt: '2027-01-01T00:00:00.000Z',
  updatedAt: '2027-01-01T00:00:00.000Z',
}

const occurrence = (index: number, date: string, startTime: string) => ({
  webinarId: ids[index]!,
  slug: `office-hours-${date}`,
  date,
  startTime,
  durationMinutes: 45,
  title: 'Office hours',
  status: 'scheduled' as const,
  registrations: 0,
})

const series: Series = {
  id: seriesId,
  slug: 'office-hours',
  title: 'Office hours',
  description: 'Bring your questions.',
  timezone: 'Europe/Berlin',
  firstDate: '2027-03-30',
  localTime: '10:00',
  durationMinutes: 45,
  rrule: 'DTSTART:20270330T100000\nRRULE:INTERVAL=1;COUNT=3;FREQ=WEEKLY;BYDAY=TU;WKST=MO',
  recurrence: { frequency: 'weekly', interval: 1, weekdays: ['TU'], count: 3 },
  status: 'active',
  host: { id: webinar.host.id, name: 'Olive Owner' },
  occurrences: [
    occurrence(0, '2027-03-30', '2027-03-30T08:00:00.000Z'),
    occurrence(1, '2027-04-06', '2027-04-06T08:00:00.000Z'),
    occurrence(2, '2027-04-13', '2027-04-13T08:00:00.000Z'),
  ],
  laterDates: [],
  cancelledAt: null,
  createdAt: '2027-01-01T00:00:00.000Z',
}

const api = fakeApiForEachTest()
const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } })
const save = () => fireEvent.click(screen.getByRole('button', { name: 'Save changes' }))

describe('changing a session of a series', { timeout: 20_000 }, () => {
  it('sends the new time of day, on the series’ clocks, to this and the following sessions', async () => {
    api.on('GET', '/api/series/:id', jsonResponse(series))
    api.on('POST', '/api/series/:id/following', jsonResponse({ ...series, localTime: '11:00' }))
    renderInApp(<EditWebinarForm webinar={webinar} />)
    type('Start time', '11:00')
    type('Duration (minutes)', '60')
    save()
    const dialog = await screen.findByRole('dialog', { name: 'Which sessions should change?' })
    expect((within(dialog).getByRole('radio', { name: /^This session only/ }) as HTMLInputElement).checked).toBe(true)
    const following = within(dialog).getByRole('radio', { name: /^This and following sessions/ }) as HTMLInputElement
    await waitFor(() => expect(following.disabled).toBe(false))
    expect(within(dialog).getByText(/and the one after it change/)).toBeTruthy()
    fireEvent.click(following)
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }))
    await waitFor(() => expect(api.sentTo('POST', '/api/series/:id/following')).toHaveLength(1))
    expect(api.sentTo('POST', '/api/series/:id/following')[0]?.body).toEqual({ fromWebinarId: webinar.id, localTime: '11:00', durationMinutes: 60 })
    expect(api.sentTo('PATCH', '/api/webinars/:id')).toHaveLength(0)
  })

  it('keeps the dialog open with the server’s refusal, and saves this session only when asked', async () => {
    api.on('GET', '/api/series/:id', jsonResponse(series))
    api.on('POST', '/api/series/:id/following', errorResponse(400, 'validation_failed', 'At 02:30 the clocks skip…', { localTime: 'At 02:30 the clocks skip…' }))
    api.on('PATCH', '/api/webinars/:id', jsonResponse(webinar))
    renderInApp(<EditWebinarForm webinar={webinar} />)
    type('Start time', '11:30')
    save()
    const dialog = await screen.findByRole('dialog', { name: 'Which sessions should change?' })
    const following = within(dialog).getByRole('radio', { name: /^This and following sessions/ }) as HTMLInputElement
    await waitFor(() => expect(following.disabled).toBe(false))
    fireEvent.click(following)
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }))
    expect(await within(dialog).findByText('At 02:30 the clocks skip…')).toBeTruthy()

    fireEvent.click(within(dialog).getByRole('radio', { name: /^This session only/ }))
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save changes' }))
    await waitFor(() => expect(api.sentTo('PATCH', '/api/webinars/:id')).toHaveLength(1))
    const body = api.sentTo('PATCH', '/api/webinars/:id')[0]?.body as { startTime: string; timezone: string }
    expect(new Date(body.startTime).toISOString()).toBe('2027-04-06T09:30:00.000Z')
    expect(body.timezone).toBe('Europe/Berlin')
  })

  it('offers only this session for a change the series does not hold (the date), and saves nothing when cancelled', async () => {
    api.on('GET', '/api/series/:id', jsonResponse(series))
    renderInApp(<EditWebinarForm webinar={webinar} />)
    type('Date', '2027-04-07')
    type('Title', 'Office hours, moved')
    save()
    const dialog = await screen.findByRole('dialog', { name: 'Which sessions should change?' })
    await within(dialog).findByText(/You also changed the date, which can change for this session only/)
    expect((within(dialog).getByRole('radio', { name: /^This and following sessions/ }) as HTMLInputElement).disabled).toBe(true)
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }))
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
    expect(api.sentTo('PATCH', '/api/webinars/:id')).toHaveLength(0)
    expect(api.sentTo('POST', '/api/series/:id/following')).toHaveLength(0)
    // The form is still there, with what was typed, ready to save again.
    expect((screen.getByLabelText('Title') as HTMLInputElement).value).toBe('Office hours, moved')
    expect((screen.getByRole('button', { name: 'Save changes' }) as HTMLButtonElement).disabled).toBe(false)
  })

  it('asks nothing for a webinar that is not in a series', async () => {
    api.on('PATCH', '/api/webinars/:id', jsonResponse(webinar))
    renderInApp(<EditWebinarForm webinar={{ ...webinar, series: null }} />)
    type('Title', 'A one-off')
    save()
    await waitFor(() => expect(api.sentTo('PATCH', '/api/webinars/:id')).toHaveLength(1))
    expect(screen.queryByRole('dialog')).toBeNull()
    expect(api.sentTo('GET', '/api/series/:id')).toHaveLength(0)
  })
})
