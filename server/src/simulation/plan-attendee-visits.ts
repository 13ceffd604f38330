export interface VisitStep {
  /** Milliseconds after the simulation starts. */
  atMs: number
  registrationId: string
  /** `leave` closes the person's most recent connection, as the emulator's leaveParticipant does. */
  action: 'join' | 'leave'
}

/** A share of the whole span, between `from` and `to`. */
const between = (random: () => number, from: number, to: number) => from + random() * (to - from)

/**
 * When each simulated attendee comes and goes within `overMs`, shaped like a real audience: most arrive near the
 * start (the first within two seconds, so that something shows at once), a quarter step out and come back, some
 * open a second tab for a while, about a third leave for good before the end. The others stay until the webinar
 * ends, when the call's end takes them out as it does everyone. Steps come sorted by time; one person's steps
 * keep their order, so a leave never comes before the join it closes.
 */
export function planAttendeeVisits(registrationIds: readonly string[], overMs: number, random: () => number): VisitStep[] {
  const steps: VisitStep[] = []
  registrationIds.forEach((registrationId, index) => {
    const own: VisitStep[] = []
    const at = (share: number) => Math.min(overMs, Math.round(share))
    const arrival = index === 0 ? at(random() * Math.min(2000, overMs)) : at(random() ** 2 * overMs * 0.6)
    own.push({ atMs: arrival, registrationId, action: 'join' })
    let lastMs = arrival
    const kind = random()
    if (kind < 0.25) {
      // Steps out (a call, a lost connection) and comes back.
      const out = at(lastMs + between(random, 0.1, 0.25) * overMs)
      const back = at(out + between(random, 0.05, 0.15) * overMs)
      own.push({ atMs: out, registrationId, action: 'leave' }, { atMs: back, registrationId, action: 'join' })
      lastMs = back
    } else if (kind < 0.4) {
      // A second tab (or the phone as well) for a while: one person, two connections.
      const opened = at(lastMs + between(random, 0.05, 0.2) * overMs)
      const closed = at(opened + between(random, 0.1, 0.25) * overMs)
      own.push({ atMs: opened, registrationId, action: 'join' }, { atMs: closed, registrationId, action: 'leave' })
      lastMs = closed
    }
    if (random() < 0.35) own.push({ atMs: at(Math.max(lastMs + 0.05 * overMs, between(random, 0.6, 1) * overMs)), registrationId, action: 'leave' })
    steps.push(...own)
  })
  // Stable: steps at the same moment keep the order they were planned in.
  return steps.sort((a, b) => a.atMs - b.atMs)
}
