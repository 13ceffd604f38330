// A webinar happens at one instant. Registrants read it on their own clock first, with the webinar's own
// zone beside it when that clock reads differently (DESIGN.md: times always carry their time zone).

export function visitorTimezone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone
}

function dayOf(instant: Date, timezone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, dateStyle: 'short' }).format(instant)
}

function offsetOf(instant: Date, timezone: string): string {
  return (
    new Intl.DateTimeFormat('en-US', { timeZone: timezone, timeZoneName: 'longOffset' })
      .formatToParts(instant)
      .find((part) => part.type === 'timeZoneName')?.value ?? timezone
  )
}

/** "12:00 – 13:00" (or "12:00 – 1:00 PM"), in the reader's own clock style. */
function formatTimeRange(start: Date, end: Date, timezone: string): string {
  return new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit', timeZone: timezone }).formatRange(start, end)
}

export interface WebinarTimeText {
  /** "Tuesday 4 March 2031", on the visitor's clock. */
  date: string
  /** "Tue 4 Mar 2031", on the visitor's clock. */
  shortDate: string
  /** "12:00 – 13:00", on the visitor's clock. */
  time: string
  visitorZone: string
  /** The same hours in the webinar's zone, or null when both clocks read the same. */
  inWebinarZone: { time: string; timezone: string } | null
  /** All of it on one line: "Tue 4 Mar 2031 · 12:00 – 13:00 your time (America/New_York) · 18:00 – 19:00 in Europe/Paris". */
  summary: string
}

export function describeWebinarTime(
  { startTime, endTime, timezone }: { startTime: string; endTime: string; timezone: string },
  visitorZone: string = visitorTimezone(),
): WebinarTimeText {
  const start = new Date(startTime)
  const end = new Date(endTime)
  const date = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: visitorZone }).format(start)
  const shortDate = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', timeZone: visitorZone }).format(start)
  const time = formatTimeRange(start, end, visitorZone)
  const isSameClock = offsetOf(start, visitorZone) === offsetOf(start, timezone)
  let inWebinarZone: WebinarTimeText['inWebinarZone'] = null
  if (!isSameClock) {
    // Say the date too when it is another day over there: 23:00 in New York is tomorrow in Paris.
    const isOtherDay = dayOf(start, visitorZone) !== dayOf(start, timezone)
    const otherDay = isOtherDay
      ? `${new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', timeZone: timezone }).format(start)}, `
      : ''
    inWebinarZone = { time: `${otherDay}${formatTimeRange(start, end, timezone)}`, timezone }
  }
  const summary = [
    shortDate,
    `${time} your time (${visitorZone})`,
    ...(inWebinarZone ? [`${inWebinarZone.time} in ${inWebinarZone.timezone}`] : []),
  ].join(' · ')
  return { date, shortDate, time, visitorZone, inWebinarZone, summary }
}

/** "Tue 4 Mar, 11:50", on the visitor's clock. */
export function formatMoment(iso: string, timezone: string = visitorTimezone()): string {
  return new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit', timeZone: timezone }).format(
    new Date(iso),
  )
}

/** The month and day of a calendar tile, on the visitor's clock. */
export function calendarDay(iso: string, timezone: string = visitorTimezone()): { month: string; day: string } {
  const instant = new Date(iso)
  return {
    month: new Intl.DateTimeFormat(undefined, { month: 'short', timeZone: timezone }).format(instant),
    day: new Intl.DateTimeFormat(undefined, { day: 'numeric', timeZone: timezone }).format(instant),
  }
}

/** "45 min", "1 hour", "1 h 30 min". */
export function formatDuration(minutes: number): string {
  const hours = Math.floor(minutes / 60)
  const rest = minutes % 60
  if (hours === 0) return `${rest} min`
  if (rest === 0) return hours === 1 ? '1 hour' : `${hours} hours`
  return `${hours} h ${rest} min`
}

/** "14:05", on the visitor's clock. */
export function formatClockTime(iso: string, timezone: string = visitorTimezone()): string {
  return new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit', timeZone: timezone }).format(new Date(iso))
}
