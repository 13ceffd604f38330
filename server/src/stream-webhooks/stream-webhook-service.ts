import { createHash } from 'node:crypto'
import { ErrorCode } from '@webinar/shared/errors'
import { participantEventTypes } from '../attendance/attendance-repository.ts'
import type { AttendanceService, ParticipantEventOfWebinar } from '../attendance/attendance-service.ts'
import type { Clock } from '../clock.ts'
import type { Database } from '../db/client.ts'
import { createGroupCommit } from '../db/group-commit.ts'
import { AppError } from '../errors.ts'
import { findUnstorableString } from '../http/unstorable-characters.ts'
import type { RecordingService } from '../recordings/recording-service.ts'
import type { StageService } from '../stage/stage-service.ts'
import type { VideoService } from '../video/video-service.ts'
import { webinarRepository, type WebinarRow } from '../webinars/webinar-repository.ts'
import type { StatusEffects } from '../webinars/status-effects.ts'
import { streamEventRepository, type NewStreamEvent } from './stream-event-repository.ts'

export interface StreamWebhookServiceDependencies {
  db: Database
  video: VideoService
  clock: Clock
  statusEffects: StatusEffects
  /** Participants joining and leaving the call, and the call's end, make attendance. */
  attendance: Pick<AttendanceService, 'applyParticipantEvents' | 'closeAtCallEnd' | 'recomputeWebinar'>
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
// Joins and leaves of a busy webinar arrive by the thousand: they are stored and applied in groups of up to this many
// (see db/group-commit.ts); a group's statements hold one bind parameter per column and event, far below PostgreSQL's limit.
const maxParticipantEventGroup = 200

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
 * call's end, which make attendance. Participants' joins and leaves, the bulk of a live webinar's webhooks, are
 * stored and applied together, in groups (see storeAndApplyParticipantEvents). Attendance is a projection of the
 * stored events (attendance/rebuild-attendance.ts makes it again from them at any time), so its events are not
 * marked: `processed_at` says the webinar moved.
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
  async function applyToAttendance(webinar: WebinarRow, type: string, event: Record<string, unknown>): Promise<void> {
    switch (type) {
      // Presence before the start (join-ahead) counts from it: the window opened, whoever moved the webinar.
      case 'call.live_started':
        await attendance.recomputeWebinar(webinar.id)
        return
      case 'call.session_ended':
      case 'call.ended':
        await attendance.closeAtCallEnd(webinar.id, event)
        return
    }
  }

  const isStale = (event: Record<string, unknown>) => {
    const createdAt = typeof event.created_at === 'string' ? Date.parse(event.created_at) : Number.NaN
    return Number.isFinite(createdAt) && clock.now().getTime() - createdAt > maxEventAgeMs
  }

  // A webinar's call is its own for good: which webinar a call is, once found, is kept (the calls of the last few
  // hundred webinars with participants), and attendance reads the webinar itself again under its lock (one deleted
  // meanwhile is then left alone). A call of no webinar is looked up each time: it may be one being created.
  const webinarIdOfCall = new Map<string, string>()
  const maxCallsKept = 500
  async function findWebinarIdOfCall(database: Database, callCid: string): Promise<string | undefined> {
    const known = webinarIdOfCall.get(callCid)
    if (known) return known
    const webinar = await webinarRepository.findByCallCid(database, callCid)
    if (!webinar) return undefined
    if (webinarIdOfCall.size >= maxCallsKept) webinarIdOfCall.clear()
    webinarIdOfCall.set(callCid, webinar.id)
    return webinar.id
  }

  /**
   * Participants' joins and leaves, a group at a time, each stored and applied in one transaction: a few statements
   * per group, not per event. A delivery whose webhook id or content came earlier (in the group or before) is a
   * duplicate, as it would be one after the other. They never move a webinar, so they are never marked processed.
   */
  async function storeAndApplyParticipantEvents(group: NewStreamEvent[]): Promise<{ outcome: WebhookOutcome; announced: Promise<unknown> }[]> {
    const outcomes: WebhookOutcome[] = group.map(() => 'duplicate')
    const seenIds = new Set<string>()
    const seenHashes = new Set<string>()
    const firsts = group.flatMap((event, index) => {
      if (seenIds.has(event.webhookId) || seenHashes.has(event.payloadHash)) return []
      seenIds.add(event.webhookId)
      seenHashes.add(event.payloadHash)
      return [{ event, index }]
    })
    const applied = await attendance.applyParticipantEvents(async (db) => {
      const stored = await streamEventRepository.recordManyIfNew(db, firsts.map(({ event }) => event))
      const toApply: ParticipantEventOfWebinar[] = []
      for (const { event, index } of firsts) {
        if (!stored.has(event.webhookId)) continue
        outcomes[index] = 'stored'
        const payload = event.payload as Record<string, unknown>
        const webinarId = event.callCid && !isStale(payload) ? await findWebinarIdOfCall(db, event.callCid) : undefined
        if (webinarId) toApply.push({ webinarId, callCid: event.callCid!, event: payload })
      }
      return { outcome: outcomes, events: toApply }
    })
    return applied.outcome.map((outcome) => ({ outcome, announced: applied.announced }))
  }
  const participantEvents = createGroupCommit(storeAndApplyParticipantEvents, { maxGroupSize: maxParticipantEventGroup, lingerMs: 2 })

  return {
    /**
     * Checks the signature over the exact bytes Stream sent (inflated first when gzipped): the event, parsed, or a
     * 401 (not Stream's) or 413 (too large once inflated).
     */
    verify(webhook: { rawBody: Buffer; signature: string }): unknown {
      try {
        return video.verifyAndParseWebhook(webhook.rawBody, webhook.signature, maxBodyBytes)
      } catch (error) {
        if (error instanceof RangeError) throw new AppError(ErrorCode.payloadTooLarge, 'The webhook is larger than this API accepts once inflated.')
        throw new AppError('unauthenticated', 'The webhook signature does not match.')
      }
    },

    /** Stores a verified event once, and applies it if it moves a webinar or makes attendance. */
    async receive(webhook: { event: unknown; webhookId: string | undefined }): Promise<WebhookOutcome> {
      const problem = problemWithEvent(webhook.event)
      if (problem) throw new AppError(ErrorCode.badRequest, problem)
      const event = webhook.event as Record<string, unknown>
      // Hashed as verified and parsed, so the same event gzipped or not is the same event.
      const payloadHash = createHash('sha256').update(JSON.stringify(event)).digest('hex')
      const webhookId = webhook.webhookId || `sha256:${payloadHash}`
      const type = typeof event.type === 'string' ? event.type : 'unknown'
      const callCid = typeof event.call_cid === 'string' ? event.call_cid : null
      const stored = { webhookId, type, callCid, payload: event, payloadHash }
      if ((participantEventTypes as readonly string[]).includes(type)) {
        const { outcome, announced } = await participantEvents.add(stored)
        // Answered once integrators are told of the totals it changed, as every attendance change is.
        await announced
        return outcome
      }

      const isNew = await streamEventRepository.recordIfNew(db, stored)
      if (!isNew) return 'duplicate'
      const createdAt = typeof event.created_at === 'string' ? Date.parse(event.created_at) : Number.NaN
      const webinar = callCid && !isStale(event) ? await webinarRepository.findByCallCid(db, callCid) : undefined
      if (!webinar || !callCid) return 'stored'
      const at = Number.isFinite(createdAt) ? new Date(createdAt) : clock.now()
      const isApplied = await applyToWebinar(webinar, type, at, event)
      if (isApplied) await streamEventRepository.markProcessed(db, webhookId, clock.now())
      await applyToAttendance(webinar, type, event)
      return isApplied ? 'processed' : 'stored'
    },
  }
}

export type StreamWebhookService = ReturnType<typeof createStreamWebhookService>
