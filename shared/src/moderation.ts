import Type from 'typebox'
import { exampleIds, exampleTimes } from './examples.ts'

/** What moderators did in a webinar: shown to the other moderators as it happens and kept as its audit list. */
export const ModerationActionKind = Type.Enum([
  'chat.muted',
  'chat.unmuted',
  'chat.message_deleted',
  'chat.slow_mode_changed',
  'attendee.removed',
  'stage.accepted',
  'stage.dismissed',
  'stage.ended',
  'speaker.invited',
  'speaker.removed',
])
export type ModerationActionKind = Type.Static<typeof ModerationActionKind>

const exampleAction = {
  id: '1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b',
  action: 'stage.accepted' as const,
  actorName: 'Hana Host',
  targetName: 'Ada Lovelace',
  detail: { registrationId: exampleIds.registration },
  createdAt: exampleTimes.start,
}

export const ModerationAction = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    action: ModerationActionKind,
    actorName: Type.String({ description: 'Who acted (a host, co-host or admin)' }),
    targetName: Type.Union([Type.String(), Type.Null()], { description: 'Whom it was about, when someone' }),
    detail: Type.Record(Type.String(), Type.Unknown(), {
      description:
        'More about it, by action: chat.message_deleted `{ messageId, excerpt }`, chat.slow_mode_changed `{ seconds, previousSeconds }`',
    }),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { examples: [exampleAction] },
)
export type ModerationAction = Type.Static<typeof ModerationAction>

/** The webinar's moderation actions, oldest first (the audit list). */
export const ModerationActionList = Type.Object(
  { items: Type.Array(ModerationAction) },
  {
    examples: [
      {
        items: [
          {
            id: '2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d',
            action: 'chat.message_deleted',
            actorName: 'Hana Host',
            targetName: 'Bob Brown',
            detail: { messageId: '3b4c5d6e-7f8a-4b9c-8d0e-1f2a3b4c5d6e', excerpt: 'Buy cheap watches at…' },
            createdAt: '2030-05-04T16:12:00.000Z',
          },
          {
            id: '4c5d6e7f-8a9b-4c0d-9e1f-2a3b4c5d6e7f',
            action: 'chat.muted',
            actorName: 'Hana Host',
            targetName: 'Bob Brown',
            detail: {},
            createdAt: '2030-05-04T16:12:10.000Z',
          },
        ],
      },
    ],
  },
)
export type ModerationActionList = Type.Static<typeof ModerationActionList>
