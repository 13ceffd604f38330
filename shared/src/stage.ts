import Type from 'typebox'
import { exampleIds, exampleTimes } from './examples.ts'

/** Who is on a webinar's stage besides its host, and the attendees who ask to join them. */

const exampleSpeakerId = '6b7c8d9e-0f1a-4b2c-9d3e-4f5a6b7c8d9e'
const exampleStageRequestId = '8d9e0f1a-2b3c-4d4e-8f5a-6b7c8d9e0f1a'

export const emailMaxLength = 254
export const speakerNameMaxLength = 100

export const SpeakerKind = Type.Enum(['cohost', 'panelist'], {
  description: 'cohost: a staff user who runs the room as the host does (start, end, moderate). panelist: a guest without an account, on stage with camera, microphone and screen, invited by e-mail with a personal studio link.',
})
export type SpeakerKind = Type.Static<typeof SpeakerKind>

export const Speaker = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    kind: SpeakerKind,
    name: Type.String(),
    email: Type.String(),
    userId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()], { description: "The co-host's staff account; null for a panelist" }),
    streamUserId: Type.String({ description: 'Who they are in the Stream call (a member with role host or speaker)' }),
    createdAt: Type.String({ format: 'date-time' }),
  },
  {
    examples: [
      {
        id: exampleSpeakerId,
        kind: 'panelist',
        name: 'Grace Hopper',
        email: 'grace@example.com',
        userId: null,
        streamUserId: `speaker_${exampleSpeakerId}`,
        createdAt: exampleTimes.registered,
      },
    ],
  },
)
export type Speaker = Type.Static<typeof Speaker>

const exampleSpeaker: Speaker = {
  id: exampleSpeakerId,
  kind: 'panelist',
  name: 'Grace Hopper',
  email: 'grace@example.com',
  userId: null,
  streamUserId: `speaker_${exampleSpeakerId}`,
  createdAt: exampleTimes.registered,
}

export const SpeakerList = Type.Object({ items: Type.Array(Speaker) }, { examples: [{ items: [exampleSpeaker] }] })
export type SpeakerList = Type.Static<typeof SpeakerList>

export const InviteSpeakerBody = Type.Union(
  [
    Type.Object({ kind: Type.Literal('cohost'), userId: Type.String({ format: 'uuid', description: 'A staff user' }) }, { additionalProperties: false }),
    Type.Object(
      {
        kind: Type.Literal('panelist'),
        name: Type.String({ minLength: 1, maxLength: speakerNameMaxLength }),
        email: Type.String({ format: 'email', maxLength: emailMaxLength }),
      },
      { additionalProperties: false },
    ),
  ],
  { examples: [{ kind: 'panelist', name: 'Grace Hopper', email: 'grace@example.com' }] },
)
export type InviteSpeakerBody = Type.Static<typeof InviteSpeakerBody>

export const SpeakerParams = Type.Object({
  id: Type.String({ format: 'uuid' }),
  speakerId: Type.String({ format: 'uuid' }),
})

/** What a panelist's studio link opens. */
export const StageView = Type.Object({
  speaker: Type.Object({ id: Type.String({ format: 'uuid' }), name: Type.String(), kind: SpeakerKind }),
  webinar: Type.Object({
    id: Type.String({ format: 'uuid' }),
    title: Type.String(),
    startTime: Type.String({ format: 'date-time' }),
    durationMinutes: Type.Integer(),
    timezone: Type.String(),
    status: Type.Enum(['draft', 'scheduled', 'live', 'ended', 'cancelled']),
    hostName: Type.String(),
  }),
})
export type StageView = Type.Static<typeof StageView>

export const StudioTokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 200 }) })

export const StageRequestStatus = Type.Enum(['pending', 'accepted', 'dismissed', 'withdrawn', 'ended'], {
  description:
    'pending: the hand is up. accepted: on stage (may send audio and video). dismissed: a moderator declined. withdrawn: the attendee lowered it. ended: a moderator took them off stage.',
})
export type StageRequestStatus = Type.Static<typeof StageRequestStatus>

export const StageRequest = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    registrationId: Type.String({ format: 'uuid' }),
    name: Type.String(),
    streamUserId: Type.String(),
    status: StageRequestStatus,
    requestedAt: Type.String({ format: 'date-time' }),
    decidedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    decidedByName: Type.Union([Type.String(), Type.Null()]),
  },
  {
    examples: [
      {
        id: exampleStageRequestId,
        registrationId: exampleIds.registration,
        name: 'Ada Lovelace',
        streamUserId: `reg_${exampleIds.registration}`,
        status: 'accepted',
        requestedAt: exampleTimes.start,
        decidedAt: '2030-05-04T16:12:00.000Z',
        decidedByName: 'Hana Host',
      },
    ],
  },
)
export type StageRequest = Type.Static<typeof StageRequest>

const exampleStageRequest: StageRequest = {
  id: exampleStageRequestId,
  registrationId: exampleIds.registration,
  name: 'Ada Lovelace',
  streamUserId: `reg_${exampleIds.registration}`,
  status: 'pending',
  requestedAt: exampleTimes.start,
  decidedAt: null,
  decidedByName: null,
}

/** The studio's view of the stage: speakers, raised hands (oldest first) and attendees on stage. */
export const StageState = Type.Object(
  {
    handRaising: Type.Boolean({ description: 'Whether attendees may raise a hand in this webinar' }),
    speakers: Type.Array(Speaker),
    requests: Type.Array(StageRequest, { description: 'Hands up now (pending) and attendees on stage now (accepted)' }),
  },
  { examples: [{ handRaising: true, speakers: [exampleSpeaker], requests: [exampleStageRequest] }] },
)
export type StageState = Type.Static<typeof StageState>

export const StageRequestParams = Type.Object({
  id: Type.String({ format: 'uuid' }),
  requestId: Type.String({ format: 'uuid' }),
})

/** An attendee's own hand, as their room shows it. */
export const MyStageRequest = Type.Object({
  handRaising: Type.Boolean(),
  request: Type.Union([StageRequest, Type.Null()], { description: 'Their latest request, null before any' }),
})
export type MyStageRequest = Type.Static<typeof MyStageRequest>
