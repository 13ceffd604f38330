import type { StreamVideoParticipant } from '../stream-sdk'

/**
 * Who gets a place in a layout: whoever publishes audio, video or a screen, and the hosts (a host with the camera
 * off keeps their place). Viewers watching in the call publish nothing: in a webinar of thousands they would fill
 * the layout with empty tiles, so neither the studio nor the room ever shows them.
 */
export function isOnStage(participant: Pick<StreamVideoParticipant, 'publishedTracks' | 'roles'>): boolean {
  return participant.publishedTracks.length > 0 || participant.roles.includes('host')
}
