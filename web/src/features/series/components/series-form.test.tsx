import { fireEvent, screen, waitFor } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { errorResponse, fakeApiForEachTest, renderInApp } from '@/test/app-test-kit'
import { SeriesForm } from './series-form'

// The series form sends the CreateSeriesBody the server checks, says the rule in words as it is typed, and puts
// the server's refusals (a time the clocks skip, a rule with no session) where a person can fix them.

const api = fakeApiForEachTest()
const field = (label: string) => screen.getByLabelText(label, { exact: true }) as HTMLInputElement
const type = (label: string, value: string) => fireEvent.change(field(label), { target: { value } })
const schedule = () => fireEvent.click(screen.getByRole('button', { name: 'Schedule series' }))

function fillWeeklyInBerlin() {
  type('Title', 'Office hours')
  type('First date', '2027-03-16')
  type('Start time', '10:00')
  fireEvent.change(field('Time zone'), { target: { value: 'Europe/Berlin' } })
}

// Each change renders the whole time-zone list (some 400 options) again, which jsdom takes its time over.
describe('scheduling a series', { timeout: 20_000 }, () => {
  it('repeats on the first date’s weekday until other days are picked, and sends the rule with its end', async () => {
    api.on('POST', '/api/series', errorResponse(500, 'internal', 'stop here'))
    renderInApp(<SeriesForm />)
    fillWeeklyInBerlin()
    await waitFor(() => expect((screen.getByRole('checkbox', { name: 'Tuesday' }) as HTMLInputElement).checked).toBe(true))
    expect(await screen.findByText(/^Every Tuesday at (10:00|10:00 AM) \(Europe\/Berlin\), 6 sessions$/)).toBeTruthy()

    fireEvent.click(screen.getByRole('checkbox', { name: 'Thursday' }))
    type('Every', '2')
    fireEvent.click(screen.getByRole('radio', { name: /^On a date/ }))
    type('Last date', '2027-06-30')
    expect(await screen.findByText(/^Every 2 weeks on Tuesday and Thursday at .*, until Jun 30, 2027$/)).toBeTruthy()
    schedule()
    await waitFor(() => expect(api.sentTo('POST', '/api/series')).toHaveLength(1))
    expect(api.sentTo('POST', '/api/series')[0]?.body).toEqual({
      title: 'Office hours',
      description: '',
      timezone: 'Europe/Berlin',
      firstDate: '2027-03-16',
      localTime: '10:00',
      durationMinutes: 60,
      recurrence: { frequency: 'weekly', interval: 2, weekdays: ['TU', 'TH'], until: '2027-06-30' },
      approvalMode: 'auto',
    })
  })

  it('sends no weekdays for a monthly series', async () => {
    api.on('POST', '/api/series', errorResponse(500, 'internal', 'stop here'))
    renderInApp(<SeriesForm />)
    fillWeeklyInBerlin()
    fireEvent.change(field('Repeat'), { target: { value: 'monthly' } })
    expect(await screen.findByText(/^Every month on the third Tuesday at/)).toBeTruthy()
    schedule()
    await waitFor(() => expect(api.sentTo('POST', '/api/series')).toHaveLength(1))
    expect((api.sentTo('POST', '/api/series')[0]?.body as { recurrence: unknown }).recurrence).toEqual({ frequency: 'monthly', interval: 1, count: 6 })
  })

  it('says the server’s refusals where they belong: a skipped time under the time, a rule without sessions under the repetition', async () => {
    const skipped = '02:30 does not exist on 2027-03-28 in Europe/Berlin: the clocks skip it for daylight saving. Choose another time.'
    api.on('POST', '/api/series', errorResponse(400, 'validation_failed', skipped, { localTime: skipped }))
    renderInApp(<SeriesForm />)
    fillWeeklyInBerlin()
    type('Start time', '02:30')
    schedule()
    expect(await screen.findByText(skipped)).toBeTruthy()
    expect(field('Start time').getAttribute('aria-invalid')).toBe('true')
    expect(screen.getByRole('alert').textContent).toContain('Please correct the highlighted fields.')

    const none = 'This rule yields no occurrence: check its weekdays and its last date.'
    api.on('POST', '/api/series', errorResponse(400, 'validation_failed', none, { recurrence: none }))
    type('Start time', '10:00')
    schedule()
    expect(await screen.findByText(none)).toBeTruthy()
    expect(screen.queryByText(skipped)).toBeNull()
  })

  it('checks what is missing before anything is sent', async () => {
    renderInApp(<SeriesForm />)
    type('Number of sessions', '0')
    schedule()
    expect(await screen.findByText('Give the series a title.')).toBeTruthy()
    expect(screen.getByText('Choose the day of the first session.')).toBeTruthy()
    expect(screen.getByText('Enter 1 to 100 sessions.')).toBeTruthy()
    expect(api.sentTo('POST', '/api/series')).toHaveLength(0)
  })
})
