import { screen, within } from '@testing-library/react'
import type { RegistrationListItem } from '@webinar/shared/registrations'
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
})
