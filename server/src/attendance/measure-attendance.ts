/**
 * How long someone was present, from their sessions: pure arithmetic over instants, shared by the stored totals
 * (registration_attendance) and the report, so both count the same way.
 */

/** A room connection that has not sent a heartbeat for this long is gone (its process died): it ends at its last one. */
export const roomPresenceTimeoutMs = 90_000

export interface MeasuredSession {
  source: 'stream' | 'room'
  joinedAt: Date | null
  leftAt: Date | null
  /** Stream: the end of the call it was still in (it never said goodbye). Room: its last heartbeat. */
  lastSeenAt: Date | null
}

/** When the webinar was live: from going live to its end, or open (`end` null) while it still is. */
export interface LiveWindow {
  start: Date
  end: Date | null
}

/** A stretch of presence, in epoch milliseconds, [start, end). */
export interface Interval {
  start: number
  end: number
}

export interface Attendance {
  firstJoinedAt: Date | null
  /** Null while still present (a session open in a webinar that is still live). */
  lastLeftAt: Date | null
  watchSeconds: number
  attended: boolean
}

export const noAttendance: Attendance = { firstJoinedAt: null, lastLeftAt: null, watchSeconds: 0, attended: false }

/** The live window of a webinar row; none if it never went live. A cancellation while live ends it too. */
export function liveWindowOf(webinar: { liveStartedAt: Date | null; endedAt: Date | null; cancelledAt: Date | null }): LiveWindow | null {
  if (!webinar.liveStartedAt) return null
  return { start: webinar.liveStartedAt, end: webinar.endedAt ?? webinar.cancelledAt ?? null }
}

/** Where a session ends as far as is known now, and whether it is still going on. */
function endOf(session: MeasuredSession, now: Date): { end: number; isOpen: boolean } {
  if (session.leftAt) return { end: session.leftAt.getTime(), isOpen: false }
  const stillThere = { end: now.getTime(), isOpen: true }
  // Stream: closed at the end of the call it never said goodbye to, or still in the call.
  if (session.source === 'stream') return session.lastSeenAt ? { end: session.lastSeenAt.getTime(), isOpen: false } : stillThere
  // Room: a connection silent for too long went with its process; it ended at its last heartbeat.
  const isSilent = session.lastSeenAt !== null && now.getTime() - session.lastSeenAt.getTime() > roomPresenceTimeoutMs
  return isSilent ? { end: session.lastSeenAt!.getTime(), isOpen: false } : stillThere
}

/** One session within the live window, or nothing if it has no time in it. */
function clippedInterval(session: MeasuredSession, window: LiveWindow, now: Date): (Interval & { isOpen: boolean }) | undefined {
  const windowStart = window.start.getTime()
  const windowEnd = window.end?.getTime() ?? now.getTime()
  // A `left` whose join never arrived and that said nothing of it: present, as far as anyone knows, since the start.
  const start = session.joinedAt?.getTime() ?? windowStart
  const { end, isOpen } = endOf(session, now)
  const clippedStart = Math.max(start, windowStart)
  const clippedEnd = Math.min(end, windowEnd)
  // Nothing within the window; but a join and leave in the same instant, during it, is still someone who came.
  const isWithin = clippedEnd > clippedStart || (clippedEnd === clippedStart && start >= windowStart && end <= windowEnd)
  if (!isWithin) return undefined
  return { start: clippedStart, end: clippedEnd, isOpen: isOpen && window.end === null }
}

/** Overlapping or touching stretches made one: two tabs, or the call and the room at once, count once. */
export function mergeIntervals(intervals: Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a.start - b.start || a.end - b.end)
  const merged: Interval[] = []
  for (const interval of sorted) {
    const last = merged.at(-1)
    if (last && interval.start <= last.end) last.end = Math.max(last.end, interval.end)
    else merged.push({ ...interval })
  }
  return merged
}

/** A person's presence within the live window (merged), and whether any session of theirs is still open. */
export function presenceOf(sessions: MeasuredSession[], window: LiveWindow | null, now: Date): { intervals: Interval[]; isPresent: boolean } {
  if (!window) return { intervals: [], isPresent: false }
  const clipped = sessions.map((session) => clippedInterval(session, window, now)).filter((interval) => interval !== undefined)
  return { intervals: mergeIntervals(clipped), isPresent: clipped.some((interval) => interval.isOpen) }
}

/** A registrant's totals: union of their sessions within the live window, attended from the webinar's threshold. */
export function measureAttendance(sessions: MeasuredSession[], window: LiveWindow | null, now: Date, attendedThresholdSeconds: number): Attendance {
  const { intervals, isPresent } = presenceOf(sessions, window, now)
  if (intervals.length === 0) return noAttendance
  const watchSeconds = Math.floor(intervals.reduce((total, interval) => total + interval.end - interval.start, 0) / 1000)
  return {
    firstJoinedAt: new Date(intervals[0]!.start),
    lastLeftAt: isPresent ? null : new Date(intervals.at(-1)!.end),
    watchSeconds,
    attended: watchSeconds >= attendedThresholdSeconds,
  }
}

export function isSameAttendance(a: Attendance, b: Attendance): boolean {
  return (
    a.watchSeconds === b.watchSeconds &&
    a.attended === b.attended &&
    a.firstJoinedAt?.getTime() === b.firstJoinedAt?.getTime() &&
    a.lastLeftAt?.getTime() === b.lastLeftAt?.getTime()
  )
}

/** Sessions of many registrants, each registrant's together. */
export function groupByRegistration<Session extends MeasuredSession & { registrationId: string }>(sessions: Session[]): Map<string, Session[]> {
  const grouped = new Map<string, Session[]>()
  for (const session of sessions) {
    const group = grouped.get(session.registrationId)
    if (group) group.push(session)
    else grouped.set(session.registrationId, [session])
  }
  return grouped
}
