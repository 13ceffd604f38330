import { formatClock, formatWrittenDate } from '@webinar/shared/time-format'
import { isKnownTimezone, isSameClock, isSameDay } from '@webinar/shared/timezones'

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
  const webinarZone = isKnownTimezone(webinarTimeZone) ? webinarTimeZone : 'UTC'
  const dateIn = (timezone: string) => formatWrittenDate(startTime, timezone, locale)
  const clockIn = (timezone: string) => formatClock(startTime, timezone, { locale, isTwentyFourHour: true })
  const inWebinarZone = `${dateIn(webinarZone)}, ${clockIn(webinarZone)} (${webinarZone})`

  // Another zone name with the same wall-clock time (Paris and Berlin) would only add noise.
  if (!registrantTimeZone || !isKnownTimezone(registrantTimeZone) || isSameClock(startTime, registrantTimeZone, webinarZone)) return inWebinarZone
  const local = isSameDay(startTime, registrantTimeZone, webinarZone) ? clockIn(registrantTimeZone) : `${dateIn(registrantTimeZone)}, ${clockIn(registrantTimeZone)}`
  return `${inWebinarZone} · ${local} in your time zone (${registrantTimeZone})`
}
