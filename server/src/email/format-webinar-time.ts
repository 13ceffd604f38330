const locale = 'en-GB'

export interface WebinarTimeInput {
  startTime: Date
  webinarTimeZone: string
  registrantTimeZone: string | null
}

/**
 * When the webinar starts, in the webinar's time zone and, when it reads differently there, in the
 * registrant's: "Tuesday 4 March 2031, 18:00 (Europe/Paris) · 12:00 in your time zone (America/New_York)".
 * The registrant's date is repeated only when it is not the same day as the webinar's.
 */
export function formatWebinarTime({ startTime, webinarTimeZone, registrantTimeZone }: WebinarTimeInput): string {
  // A zone Intl does not know would throw while a mail is sent; the start instant stays right in UTC.
  const webinarZone = isKnownTimeZone(webinarTimeZone) ? webinarTimeZone : 'UTC'
  const webinarDate = formatDate(startTime, webinarZone)
  const webinarClock = formatClock(startTime, webinarZone)
  const inWebinarZone = `${webinarDate}, ${webinarClock} (${webinarZone})`

  if (!registrantTimeZone || !isKnownTimeZone(registrantTimeZone) || registrantTimeZone === webinarZone) return inWebinarZone
  const registrantDate = formatDate(startTime, registrantTimeZone)
  const registrantClock = formatClock(startTime, registrantTimeZone)
  // Another zone name with the same wall-clock time (Paris and Berlin) would only add noise.
  if (registrantDate === webinarDate && registrantClock === webinarClock) return inWebinarZone
  const local = registrantDate === webinarDate ? registrantClock : `${registrantDate}, ${registrantClock}`
  return `${inWebinarZone} · ${local} in your time zone (${registrantTimeZone})`
}

export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat(locale, { timeZone })
    return true
  } catch {
    return false
  }
}

/** "Tuesday 4 March 2031": en-GB's long date without the comma Intl puts after the weekday. */
function formatDate(instant: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone }).formatToParts(instant)
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((candidate) => candidate.type === type)?.value ?? ''
  return `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}`
}

function formatClock(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(instant)
}
