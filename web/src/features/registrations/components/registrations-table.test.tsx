import { screen, within } from '@testing-library/react'
import type { RegistrationListItem } from '@webinar/shared/registrations'
import type { FormField } from '@webinar/shared/webinars'
import { describe, expect, it } from 'vitest'
import { fakeApiForEachTest, renderInApp } from '@/test/app-test-kit'
import { RegistrationsTable } from './registrations-table'

const webinarId = '0b7c3a52-5d0e-4c1e-9a57-3f3f1c2d4e5f'
const registrant = (index: number, attendance: Pick<RegistrationListItem, 'firstJoinedAt' | 'lastLeftAt' | 'watchSeconds' | 'attended'>): RegistrationListItem => ({
  id: `5e0c6f0e-1111-4000-8000-00000000000${index}`,
  webinarId,
  name: `Registrant ${index}`,
  email: `registrant${index}@example.com`,
  phone: null,
  answers: {},
  status: 'approved',
  timezone: null,
  source: 'public',
  streamUserId: `reg_${index}`,
  createdAt: '2030-01-01T00:00:00.000Z',
  updatedAt: '2030-01-01T00:00:00.000Z',
  ...attendance,
})

fakeApiForEachTest()

describe('the registrations table', () => {
  it('shows how long each registrant watched, and whether that counts as attended', () => {
    renderInApp(
      <RegistrationsTable
        formFields={[]}
        webinarStatus="ended"
        onReject={() => {}}
        registrations={[
          registrant(1, { firstJoinedAt: '2030-01-02T10:00:00.000Z', lastLeftAt: '2030-01-02T11:05:00.000Z', watchSeconds: 3900, attended: true }),
          registrant(2, { firstJoinedAt: '2030-01-02T10:10:00.000Z', lastLeftAt: '2030-01-02T10:10:40.000Z', watchSeconds: 40, attended: false }),
          registrant(3, { firstJoinedAt: null, lastLeftAt: null, watchSeconds: 0, attended: false }),
        ]}
      />,
    )
    const table = screen.getByRole('table', { name: 'Registrations' })
    expect(within(table).getByRole('columnheader', { name: 'Attendance' })).toBeTruthy()
    const rows = within(table).getAllByRole('row').slice(1)
    expect(within(rows[0]!).getByText('1 h 5 min')).toBeTruthy()
    expect(within(rows[0]!).getByText('Attended')).toBeTruthy()
    expect(within(rows[1]!).getByText('under 1 min')).toBeTruthy()
    expect(within(rows[1]!).getByText('Joined')).toBeTruthy()
    expect(within(rows[2]!).getByText('Did not join')).toBeTruthy()
  })

  it('shows each answer in a column headed with its question, ticked boxes as Yes or No', () => {
    const formFields: FormField[] = [
      { key: 'name', type: 'text', label: 'Full name', required: true },
      { key: 'email', type: 'email', label: 'E-mail', required: true },
      { key: 'team_size', type: 'select', label: 'Team size', required: true, options: ['1–10', '11–100'] },
      { key: 'mobile', type: 'phone', label: 'Mobile phone', required: false },
      { key: 'updates', type: 'checkbox', label: 'Send me updates', required: false },
      { key: 'consent', type: 'consent', label: 'I agree to the privacy policy', required: true, linkUrl: 'https://example.com/privacy' },
    ]
    const attendance = { firstJoinedAt: null, lastLeftAt: null, watchSeconds: 0, attended: false }
    renderInApp(
      <RegistrationsTable
        formFields={formFields}
        webinarStatus="scheduled"
        onReject={() => {}}
        registrations={[
          { ...registrant(1, attendance), answers: { team_size: '11–100', mobile: '+44 7700 900123', updates: false, consent: true } },
          // Added by staff, who may leave questions unanswered.
          { ...registrant(2, attendance), source: 'admin', answers: {} },
        ]}
      />,
    )
    const table = screen.getByRole('table', { name: 'Registrations' })
    const headers = within(table).getAllByRole('columnheader').map((header) => header.textContent)
    // Name and e-mail share a column, the source goes under the date: room for the answers.
    expect(headers).toEqual(['Registrant', 'Status', 'Registered', 'Attendance', 'Team size', 'Mobile phone', 'Send me updates', 'I agree to the privacy policy', 'Actions'])
    const [first, second] = within(table).getAllByRole('row').slice(1)
    const cells = within(first!).getAllByRole('cell')
    expect(cells[0]?.textContent).toBe('Registrant 1registrant1@example.com')
    expect(cells[2]?.textContent).toMatch(/Public page$/)
    expect(cells.slice(4, 8).map((cell) => cell.textContent)).toEqual(['11–100', '+44 7700 900123', 'No', 'Yes'])
    expect(within(second!).getAllByRole('cell').slice(4, 8).map((cell) => cell.textContent)).toEqual(Array(4).fill('—No answer'))
    // A wide table scrolls in a box the keyboard can reach.
    expect(screen.getByRole('region', { name: 'Registrations, with answers' }).getAttribute('tabindex')).toBe('0')

    // On phones, each card lists the answers.
    const cards = screen.getByRole('list', { name: 'Registrations' })
    const card = within(cards).getAllByRole('listitem')[0]!
    expect(within(card).getByText('Team size:').nextElementSibling?.textContent).toBe('11–100')
    expect(within(card).getByText('I agree to the privacy policy:').nextElementSibling?.textContent).toBe('Yes')
    // Only what was answered.
    expect(within(within(cards).getAllByRole('listitem')[1]!).queryByText('Team size:')).toBeNull()
  })
})
