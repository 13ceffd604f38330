import { TZDate } from '@date-fns/tz'
import { viewerTimezone } from '@/lib/viewer-timezone'

// A webinar happens at one instant, presented in its own time zone (DESIGN.md: times always carry their zone).
// The helpers here turn the wall-clock date and time typed in the form into that instant and back; how an
// instant reads is @webinar/shared/time-format's business.

/** Every IANA zone the browser knows, plus the viewer's own and UTC (which some browsers leave out of the list). */
export function timezoneNames(): string[] {
  const names = new Set(Intl.supportedValuesOf('timeZone'))
  names.add(viewerTimezone())
  names.add('UTC')
  return [...names].sort((a, b) => a.localeCompare(b))
}

/** "America/New_York" → "America / New York", easier to scan in a long list. */
export function timezoneLabel(timezone: string): string {
  return timezone.replaceAll('_', ' ').replaceAll('/', ' / ')
}

export interface WallClock {
  /** yyyy-mm-dd, as an <input type="date"> holds it. */
  date: string
  /** hh:mm (24 h), as an <input type="time"> holds it. */
  time: string
}

const pad = (value: number) => String(value).padStart(2, '0')

/**
 * The instant a wall-clock date and time stand for in `timezone`, as ISO 8601 with that zone's offset
 * (e.g. 2030-05-04T18:00:00.000-04:00). A time that does not exist there (skipped by a daylight-saving
 * change) moves forward, as clocks do; `wallClockIn` shows where it landed.
 */
export function toStartTime({ date, time }: WallClock, timezone: string): string | null {
  const dateMatch = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  const timeMatch = /^(\d{2}):(\d{2})/.exec(time)
  if (!dateMatch || !timeMatch) return null
  const [, year, month, day] = dateMatch.map(Number)
  const [, hours, minutes] = timeMatch.map(Number)
  const instant = new TZDate(year!, month! - 1, day!, hours!, minutes!, timezone)
  return Number.isNaN(instant.getTime()) ? null : instant.toISOString()
}

/** The date and time an instant shows on the clocks of `timezone`. */
export function wallClockIn(iso: string, timezone: string): WallClock {
  const local = new TZDate(iso, timezone)
  return {
    date: `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`,
    time: `${pad(local.getHours())}:${pad(local.getMinutes())}`,
  }
}
