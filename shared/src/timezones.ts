// What the server checks a webinar's zone with, what mail and pages compare clocks with: Intl only, so
// it runs the same in Node and in the browser.

/** A moment as the API sends it (ISO 8601) or as the server holds it. */
export type Instant = Date | string

export const instantOf = (instant: Instant): Date => (typeof instant === 'string' ? new Date(instant) : instant)

/** True for names the runtime's time zone database knows (IANA names and their aliases). */
// Building an Intl.DateTimeFormat to ask costs about 0.1 ms, on every registration and in mail rendering; the zones
// asked about are a few hundred names at most, and the answer does not change while the process runs.
const knownTimezones = new Set<string>()

export function isKnownTimezone(timezone: string): boolean {
  if (knownTimezones.has(timezone)) return true
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone })
    knownTimezones.add(timezone)
    return true
  } catch {
    return false
  }
}

/** "GMT-4", "GMT+5:30", or "GMT": the zone's offset from UTC at that instant (the runtime's zone when none is given). */
export function offsetLabel(timezone: string | undefined, at: Instant = new Date()): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone: timezone, timeZoneName: 'shortOffset' })
    .formatToParts(instantOf(at))
    .find((candidate) => candidate.type === 'timeZoneName')
  return part?.value ?? ''
}

/** True when both zones' clocks read the same at that instant (Paris and Berlin): no need to say the time twice. */
export function isSameClock(instant: Instant, timezone: string | undefined, otherTimezone: string | undefined): boolean {
  return offsetLabel(timezone, instant) === offsetLabel(otherTimezone, instant)
}

/** True when the instant falls on the same calendar day in both zones: 23:00 in New York is already tomorrow in Paris. */
export function isSameDay(instant: Instant, timezone: string | undefined, otherTimezone: string | undefined): boolean {
  const dayIn = (zone: string | undefined) => new Intl.DateTimeFormat('en-CA', { timeZone: zone, dateStyle: 'short' }).format(instantOf(instant))
  return dayIn(timezone) === dayIn(otherTimezone)
}
