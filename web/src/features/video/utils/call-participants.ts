/**
 * Someone in the call, as local mode's presence stream lists them (the emulator's stand-in for the SFU's
 * participant list). `canPublish`: they may send audio or video now, which is what puts them on the stage.
 */
export interface CallParticipant {
  userId: string
  /** Empty when the call knows no name for them (Stream then names people by their user id). */
  name: string
  role: string
  sessionId: string
  joinedAt: string
  canPublish: boolean
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null

/**
 * The `participants` of a presence event, or null when the stream does not send them (an emulator from before it
 * did): the stage then shows only what it knows for sure. Entries without a user id are skipped.
 */
export function parseCallParticipants(raw: unknown): CallParticipant[] | null {
  if (!Array.isArray(raw)) return null
  const participants: CallParticipant[] = []
  for (const entry of raw) {
    if (!isRecord(entry) || typeof entry.user_id !== 'string' || entry.user_id === '') continue
    const capabilities = Array.isArray(entry.capabilities) ? entry.capabilities : []
    participants.push({
      userId: entry.user_id,
      name: typeof entry.name === 'string' && entry.name !== entry.user_id ? entry.name.trim() : '',
      role: typeof entry.role === 'string' ? entry.role : 'user',
      sessionId: typeof entry.user_session_id === 'string' ? entry.user_session_id : entry.user_id,
      joinedAt: typeof entry.joined_at === 'string' ? entry.joined_at : '',
      canPublish: typeof entry.can_publish === 'boolean' ? entry.can_publish : capabilities.includes('send-audio') || capabilities.includes('send-video'),
    })
  }
  return participants
}

const roleRank = (role: string) => (role === 'host' ? 0 : role === 'speaker' ? 1 : 2)

/**
 * The people on stage: those who may publish, once each (a second tab is the same person), hosts first, then
 * panelists, then attendees brought on stage, each in the order they came in. Never the audience.
 */
export function stageSpeakersOf(participants: readonly CallParticipant[]): CallParticipant[] {
  const byUser = new Map<string, CallParticipant>()
  for (const participant of participants) {
    if (!participant.canPublish) continue
    const seen = byUser.get(participant.userId)
    if (!seen || participant.joinedAt < seen.joinedAt) byUser.set(participant.userId, participant)
  }
  return [...byUser.values()].sort((a, b) => roleRank(a.role) - roleRank(b.role) || a.joinedAt.localeCompare(b.joinedAt))
}

/** What a tile says under a speaker's name, from their role in the call. */
export function roleLabelOf(role: string): string {
  if (role === 'host') return 'Host'
  if (role === 'speaker') return 'Panelist'
  return 'Attendee'
}
