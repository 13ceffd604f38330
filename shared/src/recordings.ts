import Type from 'typebox'
import { exampleIds, exampleStreamCallId } from './examples.ts'

const exampleRecording = {
  id: exampleIds.recording,
  filename: `rec_webinar_${exampleStreamCallId}_720p_1904400000000.mp4`,
  url: `https://cdn.example.com/video/recordings/webinar_${exampleStreamCallId}/rec_webinar_${exampleStreamCallId}_720p_1904400000000.mp4?Expires=1904490000&Signature=example`,
  sessionId: '8d0f5a2e-3c41-4b7a-9e62-5f1c0d9b8a73',
  startedAt: '2030-05-04T16:00:05.000Z',
  endedAt: '2030-05-04T17:01:30.000Z',
  durationSeconds: 3685,
  readyAt: '2030-05-04T17:03:10.000Z',
}

const NullableInstant = Type.Union([Type.String({ format: 'date-time' }), Type.Null()])

/** One of a webinar's recordings, as its host and admins see it. */
export const Recording = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    filename: Type.String({ description: "Stream's file name, unique within the call" }),
    url: Type.String({
      description: "Where the file is (an MP4 on Stream's CDN). Stream signs these addresses and they expire: this list asks Stream for fresh ones.",
    }),
    sessionId: Type.Union([Type.String(), Type.Null()], { description: "The Stream call session it was recorded in" }),
    startedAt: NullableInstant,
    endedAt: NullableInstant,
    durationSeconds: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
    readyAt: Type.String({ format: 'date-time', description: 'When this app learned that the recording was ready' }),
  },
  { examples: [exampleRecording] },
)
export type Recording = Type.Static<typeof Recording>

export const RecordingList = Type.Object(
  {
    items: Type.Array(Recording, { description: 'Oldest first' }),
    streamError: Type.Union([Type.String(), Type.Null()], {
      description: 'Set when Stream could not be asked just now: the list is what was known before, and its addresses may have expired',
    }),
  },
  { examples: [{ items: [exampleRecording], streamError: null }] },
)
export type RecordingList = Type.Static<typeof RecordingList>

/** A part of the replay: most webinars have one; a recording stopped and started again makes several. */
export const ReplayPart = Type.Object({
  id: Type.String({ format: 'uuid' }),
  url: Type.String({ description: 'The MP4, at a freshly signed address: ask again rather than keep it' }),
  startedAt: NullableInstant,
  endedAt: NullableInstant,
  durationSeconds: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
})
export type ReplayPart = Type.Static<typeof ReplayPart>

/** The replay as a registrant's personal link offers it. */
export const Replay = Type.Object({
  status: Type.Enum(['webinar_not_over', 'processing', 'ready'], {
    description: '`processing`: the webinar has ended and no recording is ready (yet; it may not have been recorded)',
  }),
  parts: Type.Array(ReplayPart, { description: 'In the order they were recorded; empty unless ready' }),
})
export type Replay = Type.Static<typeof Replay>

/**
 * The words of the replay's link, in mail and on the replay's pages. A mail's text part shows it as
 * "Watch the replay: <url>", which tells a follow-up that carried the replay from one written before it was ready.
 */
export const replayLinkLabel = 'Watch the replay'
