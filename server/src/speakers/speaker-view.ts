import type { Speaker } from '@webinar/shared/stage'
import { guestSpeakerStreamUserId, hostRole, speakerRole, staffStreamUserId } from '../video/video-service.ts'
import type { SpeakerRow } from './speaker-repository.ts'

/** Who a speaker is in the Stream call: a co-host as the staff member they are, a panelist as a guest of this webinar. */
export function stageMemberOf(speaker: SpeakerRow): { streamUserId: string; name: string; role: 'host' | 'speaker' } {
  return speaker.kind === 'cohost' && speaker.userId
    ? { streamUserId: staffStreamUserId(speaker.userId), name: speaker.name, role: hostRole }
    : { streamUserId: guestSpeakerStreamUserId(speaker.id), name: speaker.name, role: speakerRole }
}

export function toSpeakerView(speaker: SpeakerRow): Speaker {
  return {
    id: speaker.id,
    kind: speaker.kind,
    name: speaker.name,
    email: speaker.email,
    userId: speaker.userId,
    streamUserId: stageMemberOf(speaker).streamUserId,
    createdAt: speaker.createdAt.toISOString(),
  }
}
