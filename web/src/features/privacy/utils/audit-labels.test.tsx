import { describe, expect, it } from 'vitest'
import { describeCounts } from './audit-labels'

describe('what an audit entry covered, in words', () => {
  it('says registrations first, whatever order the stored detail came in, and leaves out what is zero', () => {
    expect(describeCounts({ jobs: 0, mails: 5, questions: 1, unsentMails: 2, registrations: 2, chatMessages: 0 })).toBe(
      '2 registrations · 5 mails · 2 unsent mails stopped · 1 question',
    )
  })

  it('always says the registrations, none included, in the singular for one', () => {
    expect(describeCounts({ registrations: 0 })).toBe('0 registrations')
    expect(describeCounts({ mails: 1, registrations: 1 })).toBe('1 registration · 1 mail')
  })
})
