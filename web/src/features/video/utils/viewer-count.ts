/** Who is in the call, as Stream counts them (`participant_count`, `participants_count_by_role`). */
export interface CallPresence {
  participantCount: number
  countByRole: Record<string, number>
}

/**
 * Everyone in the call but its hosts is watching. Read from Stream's counts by role, not by walking the list of
 * participants, which grows with the audience.
 */
export function viewerCountOf({ participantCount, countByRole }: CallPresence): number {
  return Math.max(0, participantCount - (countByRole.host ?? 0))
}
