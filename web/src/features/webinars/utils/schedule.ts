import { TZDate } from '@date-fns/tz'

// A webinar happens at one instant, presented in its own time zone (DESIGN.md: times always carry their zone).
// The helpers here turn the wall-clock date and time typed in the form into that instant and back, and
// show an instant both in the webinar's zone and in the viewer's.

export function viewerTimezone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone
}

/** Every IANA zone the browser knows, plus the viewer's own and UTC (which some browsers leave out of the list). */
export function timezoneNames(): string[] {
  const names = new Set(Intl.supportedValuesOf('timeZone'))
  names.add(viewerTimezone())
  names.add('UTC')
  return [...names].sort((a, b) => a.localeCompare(b))
}

/** "GMT-4", "GMT+5:30", or "GMT" at the given instant. */
export function offsetLabel(timezone: string, at: Date = new Date()): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone: timezone, timeZoneName: 'shortOffset' })
    .formatToParts(at)
    .find((candidate) => candidate.type === 'timeZoneName')
  return part?.value ?? ''
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

const dateTimeParts: Intl.DateTimeFormatOptions = {
  weekday: 'short',
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  timeZoneName: 'short',
}

/** "Tue, Jun 10, 2025, 6:00 PM EDT" in the given zone (the viewer's when none is given). */
export function formatDateTimeIn(iso: string, timezone?: string): string {
  return new Intl.DateTimeFormat(undefined, { ...dateTimeParts, timeZone: timezone }).format(new Date(iso))
}

/** "6:00 PM EDT", with the date too when it falls on another day than in `comparedTo`'s zone. */
export function formatTimeIn(iso: string, timezone: string | undefined, comparedTo?: string): string {
  const instant = new Date(iso)
  const dayOf = (zone: string | undefined) => new Intl.DateTimeFormat('en-CA', { timeZone: zone, dateStyle: 'short' }).format(instant)
  const isOtherDay = comparedTo !== undefined && dayOf(timezone) !== dayOf(comparedTo)
  return new Intl.DateTimeFormat(undefined, {
    ...(isOtherDay ? { weekday: 'short', month: 'short', day: 'numeric' } : {}),
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
    timeZone: timezone,
  }).format(instant)
}

/** True when the viewer's clock shows the same time as the webinar's zone at that instant: no need to say it twice. */
export function isViewersClock(iso: string, timezone: string): boolean {
  const instant = new Date(iso)
  return offsetLabel(timezone, instant) === offsetLabel(viewerTimezone(), instant)
}

/** The month and day for a calendar tile, in the webinar's zone. */
export function calendarTile(iso: string, timezone: string): { month: string; day: string } {
  const instant = new Date(iso)
  return {
    month: new Intl.DateTimeFormat(undefined, { month: 'short', timeZone: timezone }).format(instant),
    day: new Intl.DateTimeFormat(undefined, { day: 'numeric', timeZone: timezone }).format(instant),
  }
}

/** "45 min", "1 h", "1 h 30 min". */
export function formatDuration(minutes: number): string {
  const hours = Math.floor(minutes / 60)
  const rest = minutes % 60
  if (hours === 0) return `${rest} min`
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`
}
