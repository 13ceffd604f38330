import { instantOf, isSameClock, isSameDay, type Instant } from './timezones.ts'

// How times read, in the pages and in mail: one home, so that a webinar's start reads alike wherever it is
// shown (DESIGN.md: times always carry their time zone). Intl only, so it runs the same in Node and in the
// browser. A `timezone` left out is the runtime's own and a `locale` left out the runtime's language: in a
// browser, the reader's. Mail names both.

const formatters = new Map<string, Intl.DateTimeFormat>()

/** Building an Intl formatter costs far more than using one, and a page formats many times per render. */
function formatterFor(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = JSON.stringify([locale, options])
  let formatter = formatters.get(key)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, options)
    formatters.set(key, formatter)
  }
  return formatter
}

function format(instant: Instant, timezone: string | undefined, options: Intl.DateTimeFormatOptions, locale?: string): string {
  return formatterFor(locale, { ...options, timeZone: timezone }).format(instantOf(instant))
}

const weekdayIf = (hasWeekday: boolean) => (hasWeekday ? ({ weekday: 'short' } as const) : {})

/** "45 min", "1 h 30 min", "2 h"; whole hours spelled out ("1 hour", "2 hours") where the duration stands alone as a heading. */
export function formatDuration(minutes: number, { isHourSpelledOut = false }: { isHourSpelledOut?: boolean } = {}): string {
  const hours = Math.floor(minutes / 60)
  const rest = minutes % 60
  if (hours === 0) return `${rest} min`
  if (rest > 0) return `${hours} h ${rest} min`
  if (!isHourSpelledOut) return `${hours} h`
  return hours === 1 ? '1 hour' : `${hours} hours`
}

/** "under 1 min", "40 min", "1 h 5 min": how long someone watched (whole minutes, rounded down). */
export function formatWatchTime(seconds: number): string {
  return seconds < 60 ? 'under 1 min' : formatDuration(Math.floor(seconds / 60))
}

/** "4:05" or "1:02:09": time gone by, never negative. */
export function formatElapsed(milliseconds: number): string {
  const total = Math.max(0, Math.floor(milliseconds / 1000))
  const hours = Math.floor(total / 3600)
  const minutes = Math.floor((total % 3600) / 60)
  const seconds = String(total % 60).padStart(2, '0')
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`
}

/** "Tuesday 4 March 2031", as the reader's language writes a long date. */
export function formatLongDate(instant: Instant, timezone?: string): string {
  return format(instant, timezone, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })
}

/**
 * "Tuesday 4 March 2031" in `locale`'s words, in that order and without the comma Intl puts after the weekday:
 * the long date of mail, which reads the same in every mail client.
 */
export function formatWrittenDate(instant: Instant, timezone: string, locale: string): string {
  const parts = formatterFor(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: timezone }).formatToParts(instantOf(instant))
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((candidate) => candidate.type === type)?.value ?? ''
  return `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}`
}

/** "Tue 4 Mar 2031", or "Tue 4 Mar" without the year. */
export function formatShortDate(instant: Instant, timezone?: string, { hasYear = true }: { hasYear?: boolean } = {}): string {
  return format(instant, timezone, { weekday: 'short', day: 'numeric', month: 'short', ...(hasYear ? ({ year: 'numeric' } as const) : {}) })
}

/** "Jun 10, 2025": a day in a list. */
export function formatDate(instant: Instant, timezone?: string): string {
  return format(instant, timezone, { year: 'numeric', month: 'short', day: 'numeric' })
}

/**
 * "Jun 10, 2025, 6:00 PM EDT", or "Tue, Jun 10, 2025, 6:00 PM EDT" with the weekday. Always with the zone's
 * name (Intl refuses dateStyle and timeStyle together with timeZoneName, hence the separate fields).
 */
export function formatDateTime(instant: Instant, timezone?: string, { hasWeekday = false }: { hasWeekday?: boolean } = {}): string {
  const dateAndTime = { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' } as const
  return format(instant, timezone, { ...weekdayIf(hasWeekday), ...dateAndTime })
}

/** "Tue 4 Mar, 11:50", or "4 Mar, 11:50" without the weekday: a moment close enough to need no year. */
export function formatMoment(instant: Instant, timezone?: string, { hasWeekday = true }: { hasWeekday?: boolean } = {}): string {
  return format(instant, timezone, { ...weekdayIf(hasWeekday), day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' })
}

/**
 * "14:05" or "2:05 PM", in the reader's clock style. Mail, which cannot know the reader's, passes a locale
 * and `isTwentyFourHour` for "02:05".
 */
export function formatClock(
  instant: Instant,
  timezone?: string,
  { locale, isTwentyFourHour = false }: { locale?: string; isTwentyFourHour?: boolean } = {},
): string {
  const hour = isTwentyFourHour ? ({ hour: '2-digit', hourCycle: 'h23' } as const) : ({ hour: 'numeric' } as const)
  return format(instant, timezone, { ...hour, minute: '2-digit' }, locale)
}

/** "12:00 – 13:00" (or "12:00 – 1:00 PM"), in the reader's clock style. */
export function formatTimeRange(start: Instant, end: Instant, timezone?: string): string {
  return formatterFor(undefined, { hour: 'numeric', minute: '2-digit', timeZone: timezone }).formatRange(instantOf(start), instantOf(end))
}

/** "6:00 PM EDT", with the date too ("Wed, Jun 11, 6:00 PM EDT") when it falls on another day than in `comparedTo`'s zone. */
export function formatTimeIn(instant: Instant, timezone: string | undefined, comparedTo?: string): string {
  const isOtherDay = comparedTo !== undefined && !isSameDay(instant, timezone, comparedTo)
  const day = isOtherDay ? ({ weekday: 'short', month: 'short', day: 'numeric' } as const) : {}
  return format(instant, timezone, { ...day, hour: 'numeric', minute: '2-digit', timeZoneName: 'short' })
}

/** The month and day of a calendar tile ("Mar", "4"). */
export function calendarDay(instant: Instant, timezone?: string): { month: string; day: string } {
  return { month: format(instant, timezone, { month: 'short' }), day: format(instant, timezone, { day: 'numeric' }) }
}

export interface WebinarTimeText {
  /** "Tuesday 4 March 2031", on the viewer's clock. */
  date: string
  /** "Tue 4 Mar 2031", on the viewer's clock. */
  shortDate: string
  /** "12:00 – 13:00", on the viewer's clock. */
  time: string
  viewerZone: string
  /** The same hours in the webinar's zone, or null when both clocks read the same. */
  inWebinarZone: { time: string; timezone: string } | null
  /** All of it on one line: "Tue 4 Mar 2031 · 12:00 – 13:00 your time (America/New_York) · 18:00 – 19:00 in Europe/Paris". */
  summary: string
}

/**
 * A webinar happens at one instant. Registrants read it on their own clock first, with the webinar's own zone
 * beside it when that clock reads differently.
 */
export function describeWebinarTime(
  { startTime, endTime, timezone }: { startTime: Instant; endTime: Instant; timezone: string },
  viewerZone: string,
): WebinarTimeText {
  const date = formatLongDate(startTime, viewerZone)
  const shortDate = formatShortDate(startTime, viewerZone)
  const time = formatTimeRange(startTime, endTime, viewerZone)
  let inWebinarZone: WebinarTimeText['inWebinarZone'] = null
  if (!isSameClock(startTime, viewerZone, timezone)) {
    // Say the date too when it is another day over there: 23:00 in New York is tomorrow in Paris.
    const otherDay = isSameDay(startTime, viewerZone, timezone) ? '' : `${formatShortDate(startTime, timezone, { hasYear: false })}, `
    inWebinarZone = { time: `${otherDay}${formatTimeRange(startTime, endTime, timezone)}`, timezone }
  }
  const summary = [shortDate, `${time} your time (${viewerZone})`, ...(inWebinarZone ? [`${inWebinarZone.time} in ${inWebinarZone.timezone}`] : [])].join(' · ')
  return { date, shortDate, time, viewerZone, inWebinarZone, summary }
}
