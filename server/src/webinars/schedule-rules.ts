export function endOf(startTime: Date, durationMinutes: number): Date {
  return new Date(startTime.getTime() + durationMinutes * 60_000)
}

/**
 * How long a token handed out for a webinar's stage lasts when it cannot be refreshed mid-session (an encoder's
 * stream key, a panelist's credentials): until two hours after the scheduled end, so an overrun is not cut short,
 * and at least an hour.
 */
export function stageTokenValiditySeconds(webinar: { startTime: Date; durationMinutes: number }, now: Date): number {
  const until = endOf(webinar.startTime, webinar.durationMinutes).getTime() + 2 * 3600_000
  return Math.max(3600, Math.ceil((until - now.getTime()) / 1000))
}
