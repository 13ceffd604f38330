import { screen, within } from '@testing-library/react'
import type { WebinarReport as Report } from '@webinar/shared/reports'
import type { Webinar } from '@webinar/shared/webinars'
import { describe, expect, it, vi } from 'vitest'
import type { TimeSeries } from '@/components/ui/time-series-chart'
import { fakeApiForEachTest, jsonResponse, renderInApp } from '@/test/app-test-kit'
import { WebinarReport } from './webinar-report'

// jsdom draws no canvas: the chart is replaced at its boundary by what it was given, so the test reads that.
vi.mock('@/components/ui/time-series-chart', () => ({
  TimeSeriesChart: ({ label, series }: { label: string; series: TimeSeries }) => (
    <div role="img" aria-label={label} data-values={series.values.join(',')} />
  ),
}))

const api = fakeApiForEachTest()

const webinar = (fields: Partial<Webinar>): Webinar =>
  ({
    id: '0b7c3a52-5d0e-4c1e-9a57-3f3f1c2d4e5f',
    title: 'Quarterly update',
    timezone: 'Europe/Paris',
    status: 'scheduled',
    attendedThresholdSeconds: 600,
    liveStartedAt: null,
    endedAt: null,
    ...fields,
  }) as Webinar

const emptyReport: Report = {
  registered: 3,
  approved: 2,
  joined: 0,
  attended: 0,
  attendanceRate: 0,
  averageWatchSeconds: 0,
  medianWatchSeconds: 0,
  peakConcurrent: 0,
  timeline: [],
  chatMessages: 0,
  questions: 0,
  pollVotes: 0,
  registrationsByDay: [
    { day: '2030-05-01', count: 2 },
    { day: '2030-05-03', count: 1 },
  ],
}

/** The number shown for `label` in the figures named `list` (a description list: each number read with its name). */
const figure = (list: string, label: string) => {
  const figures = document.querySelector<HTMLElement>(`dl[aria-label="${list}"]`)!
  return within(figures).getByText(label, { selector: 'dt' }).parentElement!.querySelector('dd')!.textContent
}
const figuresNamed = (list: string) => document.querySelector(`dl[aria-label="${list}"]`)

describe('the webinar report', () => {
  it('shows an empty state, not zeros, before the webinar has been live, and the registrations so far', async () => {
    api.on('GET', '/api/webinars/:id/report', jsonResponse(emptyReport))
    renderInApp(<WebinarReport webinar={webinar({ status: 'scheduled' })} />)
    await screen.findByRole('heading', { name: 'No attendance to report yet' })
    expect(screen.getByText(/So far 3 registered and 2 approved\./)).toBeTruthy()
    expect(screen.queryByRole('img', { name: 'Viewers per minute' })).toBeNull()
    expect(figuresNamed('Audience')).toBeNull()
    // The quiet day between is charted as none, so that time runs evenly; the table lists the days there were.
    expect(screen.getByRole('img', { name: 'Registrations per day' }).dataset.values).toBe('2,0,1')
    const table = screen.getByRole('table', { name: 'Registrations per day', hidden: true })
    expect(within(table).getAllByRole('row', { hidden: true }).slice(1).map((row) => row.textContent)).toEqual(['Wed, May 1, 20302', 'Fri, May 3, 20301'])
  })

  it('reads out the figures of a live webinar, watch times in minutes, and its viewers per minute', async () => {
    api.on(
      'GET',
      '/api/webinars/:id/report',
      jsonResponse({
        ...emptyReport,
        registered: 120,
        approved: 110,
        joined: 84,
        attended: 71,
        attendanceRate: 0.6455,
        averageWatchSeconds: 2415,
        medianWatchSeconds: 2700,
        peakConcurrent: 77,
        chatMessages: 143,
        questions: 18,
        pollVotes: 96,
        timeline: [
          { minute: '2030-05-04T16:00:00.000Z', viewers: 52 },
          { minute: '2030-05-04T16:01:00.000Z', viewers: 69 },
        ],
      }),
    )
    renderInApp(<WebinarReport webinar={webinar({ status: 'live', liveStartedAt: '2030-05-04T16:00:00.000Z' })} />)
    await screen.findByText('Average watch time')
    expect(screen.getByText(/^The webinar is on air: these numbers update every 10 seconds/)).toBeTruthy()
    expect(figure('Audience', 'Joined')).toBe('84')
    expect(figure('Audience', 'Attendance rate')).toBe('65%')
    expect(figure('Watching', 'Average watch time')).toBe('40 min')
    expect(figure('Watching', 'Median watch time')).toBe('45 min')
    expect(figure('Watching', 'Peak concurrent')).toBe('77')
    expect(figure('In the room', 'Poll votes')).toBe('96')
    expect(screen.getByRole('img', { name: 'Viewers per minute' }).dataset.values).toBe('52,69')
    const table = screen.getByRole('table', { name: 'Viewers per minute', hidden: true })
    expect(within(table).getAllByRole('row', { hidden: true })).toHaveLength(3)
  })

  it('says the webinar never went live when it was cancelled first', async () => {
    api.on('GET', '/api/webinars/:id/report', jsonResponse({ ...emptyReport, registered: 0, approved: 0, registrationsByDay: [] }))
    renderInApp(<WebinarReport webinar={webinar({ status: 'cancelled' })} />)
    await screen.findByRole('heading', { name: 'This webinar never went live' })
    expect(screen.getByText(/Nobody has registered\./)).toBeTruthy()
    expect(screen.queryByRole('img')).toBeNull()
  })
})
