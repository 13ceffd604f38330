/**
 * What attendance takes from Stream's events, read defensively: a signed event is still input, and a field that is
 * missing, of the wrong type or not a plausible instant is treated as absent, never as an error.
 */

// Stream's events happen now-ish; an instant outside these years is no instant of a webinar (and some
// JavaScript dates are beyond what PostgreSQL stores).
const earliest = Date.UTC(2000, 0, 1)
const latest = Date.UTC(9999, 11, 31)
// Stream's ids are short; anything far longer is no id of Stream's.
const maxIdLength = 255

/** Events over a day old when they arrived are replays: stored, never applied (as stream-webhook-service.ts decides). */
export const maxEventAgeMs = 24 * 3600_000

const plausibleInstant = (time: number) => (Number.isFinite(time) && time >= earliest && time <= latest ? new Date(time) : undefined)

export function readInstant(value: unknown): Date | undefined {
  return typeof value === 'string' ? plausibleInstant(Date.parse(value)) : undefined
}

function readId(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' && value.length <= maxIdLength ? value : undefined
}

const asRecord = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {}

/** Whether an event stored at `receivedAt` was (or would be) applied: one created over a day before is a replay. */
export function isAppliedOnArrival(event: unknown, receivedAt: Date): boolean {
  const createdAt = readInstant(asRecord(event).created_at)
  return !createdAt || receivedAt.getTime() - createdAt.getTime() <= maxEventAgeMs
}

export interface ParticipantEvent {
  streamUserId: string
  /** Stream's participant session (`user_session_id`): one per connection, two tabs are two. */
  userSessionId: string
  /** When the session began, if the event says. */
  joinedAt: Date | null
  /** When it ended: a `left` event's own time. */
  leftAt: Date | null
}

/**
 * A `call.session_participant_joined` or `_left` event, or undefined if it is not one or lacks who and which session.
 * A join is at the participant's `joined_at`, else the event's time. A left is at the event's time; it also says when
 * that session began (`participant.joined_at`, or its `duration_seconds` before the left), which stands in for a join
 * event that is late or lost.
 */
export function readParticipantEvent(event: Record<string, unknown>): ParticipantEvent | undefined {
  const isJoin = event.type === 'call.session_participant_joined'
  if (!isJoin && event.type !== 'call.session_participant_left') return undefined
  const participant = asRecord(event.participant)
  const streamUserId = readId(asRecord(participant.user).id)
  const userSessionId = readId(participant.user_session_id)
  const createdAt = readInstant(event.created_at)
  if (!streamUserId || !userSessionId) return undefined
  const statedJoin = readInstant(participant.joined_at)
  if (isJoin) {
    const joinedAt = statedJoin ?? createdAt
    return joinedAt ? { streamUserId, userSessionId, joinedAt, leftAt: null } : undefined
  }
  if (!createdAt) return undefined
  const duration = event.duration_seconds
  const joinFromDuration = typeof duration === 'number' && duration >= 0 ? plausibleInstant(createdAt.getTime() - duration * 1000) : undefined
  return { streamUserId, userSessionId, joinedAt: statedJoin ?? joinFromDuration ?? null, leftAt: createdAt }
}

/** When a `call.session_ended` or `call.ended` says the call (session) ended, or undefined. */
export function readCallEnd(event: unknown): Date | undefined {
  const record = asRecord(event)
  if (record.type !== 'call.session_ended' && record.type !== 'call.ended') return undefined
  return readInstant(record.created_at)
}
