import Type from 'typebox'

export const messageMaxLength = 500

/** The longest slow-mode interval (the webinar setting `chatSlowModeSeconds` has the same bound). */
export const chatSlowModeMaxSeconds = 3600

export const ChatMessage = Type.Object({
  id: Type.String({ format: 'uuid' }),
  authorName: Type.String(),
  isFromHost: Type.Boolean(),
  authorRegistrationId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()], {
    description: 'The attendee who wrote it, whom moderators mute or remove by it; null for the host side and speakers',
  }),
  body: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
})
export type ChatMessage = Type.Static<typeof ChatMessage>

export const Question = Type.Object({
  id: Type.String({ format: 'uuid' }),
  authorName: Type.String(),
  body: Type.String(),
  answer: Type.Union([Type.String(), Type.Null()]),
  isAnswered: Type.Boolean(),
  isPinned: Type.Boolean(),
  isHidden: Type.Boolean(),
  upvotes: Type.Integer(),
  hasMyVote: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
})
export type Question = Type.Static<typeof Question>

export const Poll = Type.Object({
  id: Type.String({ format: 'uuid' }),
  question: Type.String(),
  options: Type.Array(Type.String()),
  status: Type.Enum(['draft', 'open', 'closed']),
  areResultsShared: Type.Boolean(),
  /** Votes per option: always for hosts, for attendees only once the host shares them. */
  results: Type.Union([Type.Array(Type.Integer()), Type.Null()]),
  myVote: Type.Union([Type.Integer(), Type.Null()]),
})
export type Poll = Type.Static<typeof Poll>

/** An attendee a moderator muted in the chat (moderators' room state lists them, to unmute). */
export const ChatMute = Type.Object({ registrationId: Type.String({ format: 'uuid' }), name: Type.String() })
export type ChatMute = Type.Static<typeof ChatMute>

/**
 * The room as one participant sees it now; `lastEventId` is where its event stream continues.
 *
 * Events (`GET /api/rooms/{webinarId}/events`, each `data` JSON): `chat.message` (ChatMessage), `chat.hidden`
 * `{ id }` (deleted for everyone), `chat.slow_mode` `{ seconds }`, `question.updated`, `question.hidden`,
 * `poll.updated`, `webinar.status`, `captions`. Only moderators receive `moderation.action` (ModerationAction);
 * `chat.mute_changed` `{ registrationId, name, isMuted }` and `attendee.removed` `{ registrationId }` reach the
 * moderators and the attendee they are about (whose stream ends after `attendee.removed`).
 */
export const RoomState = Type.Object({
  webinarStatus: Type.Enum(['draft', 'scheduled', 'live', 'ended', 'cancelled']),
  settings: Type.Object({
    chat: Type.Boolean(),
    qna: Type.Boolean(),
    chatSlowModeSeconds: Type.Integer({ minimum: 0, description: 'Attendees post one chat message per this many seconds; 0: slow mode is off' }),
  }),
  isModerator: Type.Boolean({ description: 'This participant moderates the room (the host, a co-host, an admin)' }),
  isMutedInChat: Type.Boolean({ description: 'A moderator muted this attendee in the chat: they read it but cannot post' }),
  chatMutes: Type.Array(ChatMute, { description: 'Moderators: who is muted in the chat now; empty for everyone else' }),
  isCaptioning: Type.Boolean({ description: 'Closed captions are on (event `captions` with `{ isOn }` when this changes)' }),
  chat: Type.Array(ChatMessage),
  questions: Type.Array(Question),
  polls: Type.Array(Poll),
  lastEventId: Type.Integer(),
})
export type RoomState = Type.Static<typeof RoomState>

export const PostMessageBody = Type.Object(
  { body: Type.String({ minLength: 1, maxLength: messageMaxLength }) },
  { additionalProperties: false },
)
export const AnswerBody = Type.Object({ answer: Type.String({ maxLength: 2000 }) }, { additionalProperties: false })
export const ModerateQuestionBody = Type.Object(
  { isHidden: Type.Optional(Type.Boolean()), isPinned: Type.Optional(Type.Boolean()) },
  { additionalProperties: false, minProperties: 1 },
)
export const CreatePollBody = Type.Object(
  {
    question: Type.String({ minLength: 1, maxLength: 300 }),
    options: Type.Array(Type.String({ minLength: 1, maxLength: 120 }), { minItems: 2, maxItems: 8 }),
  },
  { additionalProperties: false },
)
export const UpdatePollBody = Type.Object(
  { status: Type.Optional(Type.Enum(['open', 'closed'])), areResultsShared: Type.Optional(Type.Boolean()) },
  { additionalProperties: false, minProperties: 1 },
)
export const VoteBody = Type.Object({ optionIndex: Type.Integer({ minimum: 0, maximum: 7 }) }, { additionalProperties: false })

export const RoomWebinarParams = Type.Object({ webinarId: Type.String({ format: 'uuid' }) })
export const RoomItemParams = Type.Object({ webinarId: Type.String({ format: 'uuid' }), itemId: Type.String({ format: 'uuid' }) })
export const RoomRegistrationParams = Type.Object({ webinarId: Type.String({ format: 'uuid' }), registrationId: Type.String({ format: 'uuid' }) })

/** Slow mode, changed live by a moderator (the webinar's `chatSlowModeSeconds`). */
export const ChatSlowMode = Type.Object(
  { seconds: Type.Integer({ minimum: 0, maximum: chatSlowModeMaxSeconds, description: 'One message per this many seconds for each attendee; 0 turns slow mode off' }) },
  { additionalProperties: false, examples: [{ seconds: 10 }] },
)
export type ChatSlowMode = Type.Static<typeof ChatSlowMode>

export const RoomEventsQuery = Type.Object(
  {
    ticket: Type.Optional(
      Type.String({ maxLength: 1024, description: 'Attendees: a room ticket from POST /api/join/{token}/room-ticket (EventSource cannot send headers)' }),
    ),
    lastEventId: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })),
  },
  { additionalProperties: false },
)

/** Opens one webinar's event stream for a few minutes; ask for a new one whenever the stream starts again. */
export const RoomTicket = Type.Object({
  ticket: Type.String(),
  webinarId: Type.String({ format: 'uuid' }),
  expiresAt: Type.String({ format: 'date-time' }),
})
export type RoomTicket = Type.Static<typeof RoomTicket>
