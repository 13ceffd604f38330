import type { SpeakerKind } from '@webinar/shared/stage'

export const speakerKindLabels: Record<SpeakerKind, string> = { cohost: 'Co-host', panelist: 'Panelist' }
