import type { StreamVideoParticipant } from '../stream-sdk'

/**
 * Who gets a place in a layout: whoever publishes audio, video or a screen, and the hosts and panelists (one with
 * the camera off keeps their place). Viewers watching in the call publish nothing: in a webinar of thousands they
 * would fill the layout with empty tiles, so neither the studio nor the room ever shows them.
 */
export function isOnStage(participant: Pick<StreamVideoParticipant, 'publishedTracks' | 'roles'>): boolean {
  return participant.publishedTracks.length > 0 || participant.roles.includes('host') || participant.roles.includes('speaker')
}

/** The people on stage, once each (a second tab is the same person), as the stage's tiles name them. */
export function stageSpeakersIn(participants: readonly Pick<StreamVideoParticipant, 'userId' | 'name' | 'publishedTracks' | 'roles'>[]) {
  const byUser = new Map<string, { userId: string; name: string; role: string }>()
  for (const participant of participants) {
    if (!isOnStage(participant) || byUser.has(participant.userId)) continue
    const role = participant.roles.includes('host') ? 'host' : participant.roles.includes('speaker') ? 'speaker' : (participant.roles[0] ?? 'user')
    byUser.set(participant.userId, { userId: participant.userId, name: participant.name || '', role })
  }
  return [...byUser.values()]
}
