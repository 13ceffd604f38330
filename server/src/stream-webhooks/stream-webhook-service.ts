import { createHash } from 'node:crypto'
import { ErrorCode } from '@webinar/shared/errors'
import type { AttendanceService } from '../attendance/attendance-service.ts'
import type { Clock } from '../clock.ts'
import type { Database } from '../db/client.ts'
import { AppError } from '../errors.ts'
import { findUnstorableString } from '../http/unstorable-characters.ts'
import type { RecordingService } from '../recordings/recording-service.ts'
import type { StageService } from '../stage/stage-service.ts'
import type { VideoService } from '../video/video-service.ts'
import { webinarRepository, type WebinarRow } from '../webinars/webinar-repository.ts'
import type { StatusEffects } from '../webinars/status-effects.ts'
import { streamEventRepository } from './stream-event-repository.ts'

export interface StreamWebhookServiceDependencies {
  db: Database
  video: VideoService
  clock: Clock
  statusEffects: StatusEffects
  /** Participants joining and leaving the call, and the call's end, make attendance. */
  attendance: Pick<AttendanceService, 'applyParticipantEvent' | 'closeAtCallEnd' | 'recomputeWebinar'>
  /** A recording ready (`call.recording_ready`) becomes the webinar's, and its replay. */
  recordings: Pick<RecordingService, 'recordFromWebhook'>
  /** A raised hand (`call.permission_request`) joins the studio's queue. */
  stage: Pick<StageService, 'recordHandRaised'>
  /** How large a gzipped webhook may grow when inflated (the app's body limit). */
  maxBodyBytes: number
}

export type WebhookOutcome = 'processed' | 'stored' | 'duplicate'

// Stream retries for minutes, not days: an older event is a replay and is kept but never applied.
const maxEventAgeMs = 24 * 3600_000
// Stream's events nest a few levels (call → settings → …); far deeper is no event of Stream's.
const maxEventDepth = 32

/** Nesting depth of a parsed JSON value, counted without recursion (a deep value cannot overflow the stack). */
function depthOf(value: unknown): number {
  let deepest = 0
  const stack: [unknown, number][] = [[value, 1]]
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!
    if (current === null || typeof current !== 'object') continue
    deepest = Math.max(deepest, depth)
    if (deepest > maxEventDepth) return deepest
    for (const item of Object.values(current)) stack.push([item, depth + 1])
  }
  return deepest
}

/**
 * What is wrong with a signed event that cannot be one of Stream's, or undefined. Signed means it came from
 * whoever holds the Stream secret, but it is still input: it must not reach the database or a date parser as
 * something they refuse (a 500), nor be stored as if it were an event.
 */
function problemWithEvent(event: unknown): string | undefined {
  if (event === null || typeof event !== 'object' || Array.isArray(event)) return 'The webhook is not a JSON object.'
  const { type, created_at: createdAt } = event as Record<string, unknown>
  if (typeof type !== 'string' || type === '' || type.length > 200) return 'The webhook has no event type.'
  if (createdAt !== undefined && (typeof createdAt !== 'string' || Number.isNaN(Date.parse(createdAt)))) return 'The webhook’s created_at is not a date.'
  if (depthOf(event) > maxEventDepth) return 'The webhook is nested deeper than any Stream event.'
  const unstorable = findUnstorableString(event)
  if (unstorable) return `The webhook’s ${unstorable.path.join('.') || 'body'} ${unstorable.problem}.`
  return undefined
}

/**
 * Stream's webhooks. Every event is stored first (de-duplicated on X-WEBHOOK-ID: Stream retries with the same
 * id; and on its content, so a signed event replayed under a new id does nothing), then applied unless it is more
 * than a day old: the ones that move a webinar's state (marked processed), and participant joins and leaves and the
 * call's end, which make attendance. Attendance is a projection of the stored events (attendance/rebuild-attendance.ts
 * makes it again from them at any time), so its events are not marked: `processed_at` says the webinar moved.
 * A ready recording is stored for the replay. Events of calls that are no webinar's, and of Stream users this app
 * does not know, are stored and otherwise ignored.
 */
export function createStreamWebhookService({ db, video, clock, statusEffects, attendance, recordings, stage, maxBodyBytes }: StreamWebhookServiceDependencies) {
  /** Keeps the webinar in step when the host acts from elsewhere (Stream's dashboard, another client). */
  async function applyToWebinar(webinar: WebinarRow, type: string, at: Date, event: Record<string, unknown>): Promise<boolean> {
    switch (type) {
      case 'call.live_started':
        if (await webinarRepository.transition(db, webinar.id, ['draft', 'scheduled'], { status: 'live', liveStartedAt: at })) {
          await statusEffects.wentLive(webinar.id)
        }
        return true
      case 'call.ended': {
        const hasEnded = await webinarRepository.transition(db, webinar.id, ['draft', 'scheduled', 'live'], { status: 'ended', endedAt: at })
        if (hasEnded) await statusEffects.ended(webinar.id)
        return true
      }
      case 'call.hls_broadcasting_started':
        if (typeof event.hls_playlist_url === 'string') await webinarRepository.setHlsPlaylistUrl(db, webinar.id, event.hls_playlist_url)
        return true
      case 'call.recording_ready':
        return recordings.recordFromWebhook(event)
      case 'call.permission_request':
        return stage.recordHandRaised(webinar, event)
      default:
        return false
    }
  }

  /** Who was in the call: after the webinar moved, so a call's end closes the live window it measures against. */
  async function applyToAttendance(webinar: WebinarRow, callCid: string, type: string, event: Record<string, unknown>): Promise<void> {
    switch (type) {
      // Presence before the start (join-ahead) counts from it: the window opened, whoever moved the webinar.
      case 'call.live_started':
        await attendance.recomputeWebinar(webinar.id)
        return
      case 'call.session_participant_joined':
      case 'call.session_participant_left':
        await attendance.applyParticipantEvent(webinar.id, callCid, event)
        return
      case 'call.session_ended':
      case 'call.ended':
        await attendance.closeAtCallEnd(webinar.id, event)
        return
    }
  }

  return {
    /** Checks the signature over the exact bytes Stream sent, stores the event once, applies it if it moves a webinar. */
    async receive(webhook: { rawBody: Buffer; signature: string; webhookId: string | undefined }): Promise<WebhookOutcome> {
      let parsed: unknown
      try {
        parsed = video.verifyAndParseWebhook(webhook.rawBody, webhook.signature, maxBodyBytes)
      } catch (error) {
        if (error instanceof RangeError) throw new AppError(ErrorCode.payloadTooLarge, 'The webhook is larger than this API accepts once inflated.')
        throw new AppError('unauthenticated', 'The webhook signature does not match.')
      }
      const problem = problemWithEvent(parsed)
      if (problem) throw new AppError(ErrorCode.badRequest, problem)
      const event = parsed as Record<string, unknown>
      // Hashed as verified and parsed, so the same event gzipped or not is the same event.
      const payloadHash = createHash('sha256').update(JSON.stringify(event)).digest('hex')
      const webhookId = webhook.webhookId || `sha256:${payloadHash}`
      const type = typeof event.type === 'string' ? event.type : 'unknown'
      const callCid = typeof event.call_cid === 'string' ? event.call_cid : null
      const isNew = await streamEventRepository.recordIfNew(db, { webhookId, type, callCid, payload: event, payloadHash })
      if (!isNew) return 'duplicate'

      const createdAt = typeof event.created_at === 'string' ? Date.parse(event.created_at) : Number.NaN
      const isStale = Number.isFinite(createdAt) && clock.now().getTime() - createdAt > maxEventAgeMs
      const webinar = callCid && !isStale ? await webinarRepository.findByCallCid(db, callCid) : undefined
      if (!webinar || !callCid) return 'stored'
      const at = Number.isFinite(createdAt) ? new Date(createdAt) : clock.now()
      const isApplied = await applyToWebinar(webinar, type, at, event)
      if (isApplied) await streamEventRepository.markProcessed(db, webhookId, clock.now())
      await applyToAttendance(webinar, callCid, type, event)
      return isApplied ? 'processed' : 'stored'
    },
  }
}

export type StreamWebhookService = ReturnType<typeof createStreamWebhookService>
