import type { CallParticipant } from './call-participants'

/** Who is in the call, as Stream counts them (`participant_count`, `participants_count_by_role`). */
export interface CallPresence {
  participantCount: number
  countByRole: Record<string, number>
  /** Local mode: everyone in the call, when the presence stream lists them; null when it does not. */
  participants: CallParticipant[] | null
}

/**
 * Everyone in the call but its hosts (the host and co-hosts) and panelists (role speaker) is watching. Read from
 * Stream's counts by role, not by walking the list of participants, which grows with the audience.
 */
export function viewerCountOf({ participantCount, countByRole }: Pick<CallPresence, 'participantCount' | 'countByRole'>): number {
  return Math.max(0, participantCount - (countByRole.host ?? 0) - (countByRole.speaker ?? 0))
}
