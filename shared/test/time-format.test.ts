import { describe, expect, it } from 'vitest'
import { describeWebinarTime, formatClock, formatDuration, formatElapsed, formatShortDate, formatTimeRange, formatWatchTime, formatWrittenDate } from '../src/time-format.ts'
import { isKnownTimezone, isSameClock, isSameDay, offsetLabel } from '../src/timezones.ts'

const start = '2031-03-04T17:00:00.000Z'

describe('durations', () => {
  it('reads short in lists, and spells whole hours out where it stands alone', () => {
    expect([45, 60, 90, 120].map((minutes) => formatDuration(minutes))).toEqual(['45 min', '1 h', '1 h 30 min', '2 h'])
    expect([45, 60, 90, 120].map((minutes) => formatDuration(minutes, { isHourSpelledOut: true }))).toEqual(['45 min', '1 hour', '1 h 30 min', '2 hours'])
  })

  it('says watch time in whole minutes, rounded down', () => {
    expect([0, 59, 60, 2415, 3900].map(formatWatchTime)).toEqual(['under 1 min', 'under 1 min', '1 min', '40 min', '1 h 5 min'])
  })

  it('counts elapsed time up from 0:00, past the hour', () => {
    expect([-5_000, 0, 245_000, 3_729_000].map(formatElapsed)).toEqual(['0:00', '0:00', '4:05', '1:02:09'])
  })
})

describe('time zones', () => {
  it('knows IANA names and refuses the rest', () => {
    expect(isKnownTimezone('Europe/Paris')).toBe(true)
    expect(isKnownTimezone('UTC')).toBe(true)
    expect(isKnownTimezone('Mars/Olympus_Mons')).toBe(false)
  })

  it('compares clocks and days at an instant, daylight saving included', () => {
    expect(offsetLabel('America/New_York', start)).toBe('GMT-5')
    expect(offsetLabel('America/New_York', '2031-07-01T16:00:00.000Z')).toBe('GMT-4')
    expect(isSameClock(start, 'Europe/Paris', 'Europe/Berlin')).toBe(true)
    expect(isSameClock(start, 'Europe/Paris', 'Europe/London')).toBe(false)
    expect(isSameDay(start, 'Europe/Paris', 'America/New_York')).toBe(true)
    expect(isSameDay(start, 'Europe/Paris', 'Asia/Tokyo')).toBe(false)
  })
})

describe('a webinar’s time', () => {
  it('reads as mail writes it, whatever the runtime’s language', () => {
    expect(formatWrittenDate(start, 'Europe/Paris', 'en-GB')).toBe('Tuesday 4 March 2031')
    expect(formatClock(start, 'Asia/Tokyo', { locale: 'en-GB', isTwentyFourHour: true })).toBe('02:00')
  })

  it('is said once when the viewer’s clock reads as the webinar’s, and twice otherwise', () => {
    const webinar = { startTime: start, endTime: '2031-03-04T18:00:00.000Z', timezone: 'Europe/Paris' }
    const inBerlin = describeWebinarTime(webinar, 'Europe/Berlin')
    expect(inBerlin.inWebinarZone).toBeNull()
    expect(inBerlin.summary).toBe(`${inBerlin.shortDate} · ${inBerlin.time} your time (Europe/Berlin)`)

    const inNewYork = describeWebinarTime(webinar, 'America/New_York')
    expect(inNewYork.inWebinarZone?.timezone).toBe('Europe/Paris')
    expect(inNewYork.summary).toBe(`${inNewYork.shortDate} · ${inNewYork.time} your time (America/New_York) · ${inNewYork.inWebinarZone?.time} in Europe/Paris`)
    // 18:00 in Paris is 02:00 the next day in Tokyo: the other clock says which day.
    expect(describeWebinarTime(webinar, 'Asia/Tokyo').inWebinarZone?.time).toBe(`${formatShortDate(start, 'Europe/Paris', { hasYear: false })}, ${formatTimeRange(start, webinar.endTime, 'Europe/Paris')}`)
    expect(inNewYork.inWebinarZone?.time).toBe(formatTimeRange(start, webinar.endTime, 'Europe/Paris'))
  })
})
