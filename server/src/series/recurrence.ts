import { TZDate } from '@date-fns/tz'
import { maxSeriesOccurrences, type SeriesRecurrence, type Weekday } from '@webinar/shared/series'
import rrulePackage from 'rrule'

// rrule ships CommonJS for Node: its classes hang off the default export.
const { RRule, Weekday: RRuleWeekday } = rrulePackage

const weekdayCodes: Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU']

/** A problem with a rule, keyed like the request body ("recurrence", "localTime"). */
export class RecurrenceError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message)
  }
}

const pad = (value: number) => String(value).padStart(2, '0')

/** YYYY-MM-DD as a floating date: midnight UTC stands for that calendar day wherever the series is. */
function floatingDate(localDate: string): Date {
  const [year, month, day] = localDate.split('-').map(Number)
  const date = new Date(Date.UTC(year!, month! - 1, day!))
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month! - 1 || date.getUTCDate() !== day) {
    throw new RecurrenceError('firstDate', `${localDate} is not a date.`)
  }
  return date
}

const localDateOf = (floating: Date) => `${floating.getUTCFullYear()}-${pad(floating.getUTCMonth() + 1)}-${pad(floating.getUTCDate())}`

/** Monday-first index (rrule's) of a floating date's weekday. */
const weekdayIndexOf = (floating: Date) => (floating.getUTCDay() + 6) % 7

/**
 * The rule for a recurrence starting on `firstDate`, with its DTSTART as a floating date (no zone): the rule
 * speaks of calendar days, and each day's instant is found in the series' timezone afterwards. Monthly series
 * repeat on the first date's "Nth weekday": the 5th (which not every month has) is taken as the last.
 */
export function buildRule(recurrence: SeriesRecurrence, firstDate: string) {
  if (recurrence.count === undefined && recurrence.until === undefined) {
    throw new RecurrenceError('recurrence', 'A series needs an end: a number of occurrences or a last date.')
  }
  if (recurrence.count !== undefined && recurrence.until !== undefined) {
    throw new RecurrenceError('recurrence', 'Give either a number of occurrences or a last date, not both.')
  }
  const dtstart = floatingDate(firstDate)
  const weekday = weekdayIndexOf(dtstart)
  const base = {
    dtstart,
    interval: recurrence.interval,
    ...(recurrence.count !== undefined ? { count: recurrence.count } : {}),
    ...(recurrence.until !== undefined ? { until: floatingDate(recurrence.until) } : {}),
  }
  if (recurrence.frequency === 'weekly') {
    const weekdays = [...new Set(recurrence.weekdays ?? [weekdayCodes[weekday]!])]
    return new RRule({ ...base, freq: RRule.WEEKLY, byweekday: weekdays.map((code) => weekdayCodes.indexOf(code)), wkst: RRule.MO })
  }
  if (recurrence.weekdays !== undefined) throw new RecurrenceError('recurrence.weekdays', 'Weekdays are for weekly series only.')
  const nth = Math.ceil(dtstart.getUTCDate() / 7)
  return new RRule({ ...base, freq: RRule.MONTHLY, byweekday: [new RRuleWeekday(weekday, nth === 5 ? -1 : nth)] })
}

/** The rule's local dates (YYYY-MM-DD), at most one more than the limit (so that "too many" can be told). */
export function localDatesOf(rule: InstanceType<typeof RRule>): string[] {
  return rule.all((_, index) => index <= maxSeriesOccurrences).map(localDateOf)
}

/**
 * The instant of `localTime` on `localDate` in `timezone`. A time the clocks skip that day (the spring-forward
 * gap, e.g. 02:30 in Berlin on the last Sunday of March) has no instant: that is an error, never a silent shift.
 */
export function instantOf(localDate: string, localTime: string, timezone: string): Date {
  const [year, month, day] = localDate.split('-').map(Number)
  const [hours, minutes] = localTime.split(':').map(Number)
  const instant = new TZDate(year!, month! - 1, day!, hours!, minutes!, timezone)
  const shown = new TZDate(instant.getTime(), timezone)
  if (shown.getHours() !== hours || shown.getMinutes() !== minutes || shown.getDate() !== day) {
    throw new RecurrenceError(
      'localTime',
      `${localTime} does not exist on ${localDate} in ${timezone}: the clocks skip it for daylight saving. Choose another time.`,
    )
  }
  return new Date(instant.getTime())
}

/** The rule's text as RFC 5545 has it, DTSTART as a floating local date-time at the series' time of day. */
export function ruleText(rule: InstanceType<typeof RRule>, firstDate: string, localTime: string): string {
  const [, rrule] = rule.toString().split('\n')
  return `DTSTART:${firstDate.replaceAll('-', '')}T${localTime.replace(':', '')}00\n${rrule}`
}

/** The RRULE line alone (what the series row keeps; DTSTART is its first date and local time). */
export function ruleLine(rule: InstanceType<typeof RRule>): string {
  return rule.toString().split('\n')[1]!.replace(/^RRULE:/, '')
}

/** Back from the stored line (and first date) to the recurrence the organiser chose. */
export function recurrenceOf(line: string): SeriesRecurrence {
  const options = RRule.parseString(line)
  const weekdays = (options.byweekday as { weekday: number }[] | undefined)?.map((day) => weekdayCodes[day.weekday]!)
  return {
    frequency: options.freq === RRule.MONTHLY ? 'monthly' : 'weekly',
    interval: options.interval ?? 1,
    ...(options.freq === RRule.WEEKLY && weekdays ? { weekdays } : {}),
    ...(options.count ? { count: options.count } : {}),
    ...(options.until ? { until: localDateOf(options.until) } : {}),
  }
}

/** The stored line and first date, as a rule again. */
export function ruleFromLine(line: string, firstDate: string) {
  return new RRule({ ...RRule.parseString(line), dtstart: floatingDate(firstDate) })
}
