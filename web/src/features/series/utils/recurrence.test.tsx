import { describe, expect, it } from 'vitest'
import { describeSeriesRule, localDateOf, weekdayOf } from './recurrence'

// The rule in words must say what the server's RRULE does: weekly on the chosen days, monthly on the first date's
// "Nth weekday" (the fifth taken as the last), ending after a count or on a date.

const rule = (recurrence: Parameters<typeof describeSeriesRule>[0]['recurrence'], firstDate = '2027-03-16', localTime = '10:00') =>
  describeSeriesRule({ recurrence, firstDate, localTime, timezone: 'Europe/Berlin' })

describe('a series rule in words', () => {
  it('says weekly series by their days, in week order, with the end', () => {
    expect(rule({ frequency: 'weekly', interval: 1, weekdays: ['TU'], count: 6 })).toMatch(/^Every Tuesday at 10:00( AM)? \(Europe\/Berlin\), 6 sessions$/)
    expect(rule({ frequency: 'weekly', interval: 2, weekdays: ['TH', 'MO'], until: '2027-06-30' })).toMatch(
      /^Every 2 weeks on Monday and Thursday at 10:00( AM)? \(Europe\/Berlin\), until Jun 30, 2027$/,
    )
    expect(rule({ frequency: 'weekly', interval: 1, weekdays: ['FR', 'MO', 'WE'], count: 1 })).toMatch(/^Every Monday, Wednesday and Friday at .*, 1 session$/)
    // No days given: the first date's weekday, as the server does.
    expect(rule({ frequency: 'weekly', interval: 1, count: 3 })).toMatch(/^Every Tuesday at/)
  })

  it('says monthly series by the first date’s Nth weekday, the fifth as the last', () => {
    expect(rule({ frequency: 'monthly', interval: 1, count: 12 }, '2027-03-02')).toMatch(/^Every month on the first Tuesday at/)
    expect(rule({ frequency: 'monthly', interval: 3, count: 4 }, '2027-03-30')).toMatch(/^Every 3 months on the last Tuesday at/)
  })

  it('reads the time of day on the series’ clocks, whatever the browser’s zone', () => {
    expect(rule({ frequency: 'weekly', interval: 1, count: 2 }, '2027-03-16', '18:30')).toMatch(/at (18:30|6:30 PM) \(Europe\/Berlin\)/)
  })
})

describe('dates', () => {
  it('knows a date’s weekday and refuses what is no date', () => {
    expect(weekdayOf('2027-03-16')).toBe('TU')
    expect(weekdayOf('2027-03-28')).toBe('SU')
    expect(weekdayOf('2027-02-30')).toBeNull()
    expect(weekdayOf('')).toBeNull()
  })

  it('finds the local date of an instant in a zone', () => {
    expect(localDateOf('2027-03-16T23:30:00Z', 'Europe/Berlin')).toBe('2027-03-17')
    expect(localDateOf('2027-03-16T23:30:00Z', 'America/New_York')).toBe('2027-03-16')
  })
})
