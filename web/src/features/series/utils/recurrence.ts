import { TZDate } from '@date-fns/tz'
import type { SeriesRecurrence, Weekday } from '@webinar/shared/series'
import { formatClock, formatDate } from '@webinar/shared/time-format'

// How a series repeats, said in words, as the organiser chose it: the form's live summary and the series page
// read the same. The dates themselves are the server's (it owns the rule); this only describes it.

export const weekdays: readonly Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU']

export const weekdayNames: Record<Weekday, { long: string; short: string }> = {
  MO: { long: 'Monday', short: 'Mon' },
  TU: { long: 'Tuesday', short: 'Tue' },
  WE: { long: 'Wednesday', short: 'Wed' },
  TH: { long: 'Thursday', short: 'Thu' },
  FR: { long: 'Friday', short: 'Fri' },
  SA: { long: 'Saturday', short: 'Sat' },
  SU: { long: 'Sunday', short: 'Sun' },
}

/** "2027-03-16" as a calendar day (midnight UTC stands for it), or null when it is no date. */
function calendarDayOf(localDate: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(localDate)
  if (!match) return null
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number]
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date : null
}

/** The weekday of a YYYY-MM-DD date, wherever the browser is; null when it is no date. */
export function weekdayOf(localDate: string): Weekday | null {
  const date = calendarDayOf(localDate)
  return date ? weekdays[(date.getUTCDay() + 6) % 7]! : null
}

/** "Monday and Thursday", "Monday, Wednesday and Friday", in week order. */
function listOfDays(days: readonly Weekday[]): string {
  const names = weekdays.filter((day) => days.includes(day)).map((day) => weekdayNames[day].long)
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`
}

const ordinals = ['first', 'second', 'third', 'fourth']

/** A monthly series repeats on its first date's "Nth weekday" (the fifth taken as the last, as the server does). */
function nthWeekdayOf(localDate: string): string | null {
  const date = calendarDayOf(localDate)
  const day = weekdayOf(localDate)
  if (!date || !day) return null
  const nth = Math.ceil(date.getUTCDate() / 7)
  return `${nth === 5 ? 'last' : ordinals[nth - 1]} ${weekdayNames[day].long}`
}

/** The YYYY-MM-DD an instant falls on, on the clocks of `timezone`. */
export function localDateOf(instant: string | Date, timezone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant))
}

/** "10:00" (or "10:00 AM", on the reader's clock style) as the series' clocks show it on its first date. */
export function timeOfDayOf(firstDate: string, localTime: string, timezone: string): string {
  const date = calendarDayOf(firstDate)
  const time = /^(\d{2}):(\d{2})$/.exec(localTime)
  if (!date || !time) return localTime
  const instant = new TZDate(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), Number(time[1]), Number(time[2]), timezone)
  return Number.isNaN(instant.getTime()) ? localTime : formatClock(instant, timezone)
}

export interface SeriesRule {
  recurrence: SeriesRecurrence
  firstDate: string
  localTime: string
  timezone: string
}

/**
 * "Every Tuesday at 10:00 (Europe/Berlin), 6 sessions", "Every 2 weeks on Monday and Thursday at 18:30
 * (America/New_York), until Jun 30, 2027", "Every month on the first Tuesday at 10:00 (Europe/Berlin), 12 sessions".
 */
export function describeSeriesRule({ recurrence, firstDate, localTime, timezone }: SeriesRule): string {
  const { frequency, interval } = recurrence
  let repeat: string
  if (frequency === 'weekly') {
    const days = recurrence.weekdays && recurrence.weekdays.length > 0 ? recurrence.weekdays : [weekdayOf(firstDate)].filter((day) => day !== null)
    const daysText = days.length === 7 ? 'every day' : listOfDays(days)
    if (interval === 1) repeat = days.length === 7 ? 'Every day' : `Every ${daysText}`
    else repeat = `Every ${interval} weeks${daysText ? ` on ${daysText}` : ''}`
  } else {
    const nth = nthWeekdayOf(firstDate)
    repeat = `${interval === 1 ? 'Every month' : `Every ${interval} months`}${nth ? ` on the ${nth}` : ''}`
  }
  const end =
    recurrence.count !== undefined
      ? `, ${recurrence.count} ${recurrence.count === 1 ? 'session' : 'sessions'}`
      : recurrence.until !== undefined && calendarDayOf(recurrence.until)
        ? `, until ${formatDate(calendarDayOf(recurrence.until)!, 'UTC')}`
        : ''
  return `${repeat} at ${timeOfDayOf(firstDate, localTime, timezone)} (${timezone})${end}`
}
