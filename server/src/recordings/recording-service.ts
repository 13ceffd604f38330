import { createHash } from 'node:crypto'
import { replayLinkLabel, type Recording, type RecordingList, type Replay } from '@webinar/shared/recordings'
import type pg from 'pg'
import type { Clock } from '../clock.ts'
import type { Database } from '../db/client.ts'
import { runInTransaction, type Transaction } from '../db/transaction.ts'
import type { Outbox } from '../email/outbox.ts'
import { queueNames, type JobQueue } from '../jobs/job-queue.ts'
import { callRefOf, VideoUnavailableError, type VideoService } from '../video/video-service.ts'
import { webinarRepository } from '../webinars/webinar-repository.ts'
import { recordingRepository } from './recording-repository.ts'
import { toRecordingView, toReplayPart } from './recording-view.ts'

/** What `onRecordingReady` hears: a recording this app has just learned of, once per recording. */
export interface RecordingReady {
  webinarId: string
  recording: Recording
}

export interface RecordingServiceDependencies {
  db: Database
  pool: pg.Pool
  video: Pick<VideoService, 'listRecordings'>
  jobs: JobQueue
  outbox: Outbox
  clock: Clock
  logger: { warn: (object: object, message: string) => void }
  /**
   * Runs in the transaction that stores a recording for the first time, whichever source brought it (webhook,
   * Stream's list): what it writes commits with the recording, or neither does. For outgoing `recording.ready`.
   */
  onRecordingReady?: (transaction: Transaction, ready: RecordingReady) => Promise<void>
  /** When Stream's list of the call's recordings is read after the end (the webhook may be late, or lost). */
  checkDelaysSeconds?: readonly number[]
  /** How long one instance uses a list read from Stream (and its addresses) before asking again. */
  listingFreshForMs?: number
}

/** A minute, five, a quarter of an hour and an hour after the end: Stream takes a while to process a recording. */
export const defaultCheckDelaysSeconds = [60, 300, 900, 3600] as const
const defaultListingFreshForMs = 60_000
/** While nothing is ready, ask again sooner: the recording may arrive any moment. */
const emptyListingFreshForMs = 10_000
const maxCachedListings = 1000

/** A recording as either source names it. */
interface FoundRecording {
  filename: string
  url: string
  sessionId: string | null
  startedAt: Date | null
  endedAt: Date | null
}

interface WebinarCall {
  id: string
  streamCallType: string
  streamCallId: string
}

/**
 * A webinar's recordings: from Stream's `call.recording_ready` webhook and from Stream's list of the call's
 * recordings (read a few times after the end, and when someone wants the replay), both landing on one row per
 * file; the replay for registrants, with addresses fresh from Stream; the mail that tells registrants whose
 * follow-up went out before the recording was ready.
 */
export function createRecordingService(deps: RecordingServiceDependencies) {
  const { db, pool, video, jobs, outbox, clock } = deps
  const checkDelaysSeconds = deps.checkDelaysSeconds ?? defaultCheckDelaysSeconds
  const listingFreshForMs = deps.listingFreshForMs ?? defaultListingFreshForMs
  /** Per webinar, the last read of Stream's list (one at a time: concurrent readers share it). */
  const listings = new Map<string, { at: number; freshForMs: number; outcome: Promise<string | null> }>()

  /** Stores one recording; its first arrival also tells registrants (a job) and `onRecordingReady`. */
  async function store(webinarId: string, found: FoundRecording): Promise<boolean> {
    return runInTransaction(pool, async (transaction) => {
      const { recording, isNew } = await recordingRepository.upsert(transaction.db, {
        webinarId,
        filename: found.filename,
        url: found.url,
        streamSessionId: found.sessionId,
        startedAt: found.startedAt,
        endedAt: found.endedAt,
        createdAt: clock.now(),
      })
      if (isNew) {
        await jobs.sendInTransaction(transaction, queueNames.announceReplay, { webinarId })
        await deps.onRecordingReady?.(transaction, { webinarId, recording: toRecordingView(recording) })
      }
      return isNew
    })
  }

  /** Reads Stream's list of the call's recordings and stores them; Stream's failure is thrown (VideoUnavailableError). */
  async function readStreamList(webinar: WebinarCall): Promise<number> {
    const listed = await video.listRecordings(callRefOf(webinar))
    let added = 0
    for (const recording of listed) {
      if (!isReplayable(recording.recordingType) || !isStorable(recording)) continue
      if (await store(webinar.id, recording)) added++
    }
    return added
  }

  /**
   * Stream's list, read at most once per `listingFreshForMs` per webinar and instance (every 10 s while it has
   * nothing, or while Stream fails), so that a crowd opening the replay makes one request to Stream. Resolves to
   * why Stream could not be asked (the stored rows still answer), or null.
   */
  function readStreamListSoon(webinar: WebinarCall): Promise<string | null> {
    const now = clock.now().getTime()
    const cached = listings.get(webinar.id)
    if (cached && now - cached.at < cached.freshForMs) return cached.outcome
    if (listings.size >= maxCachedListings) {
      for (const [webinarId, listing] of listings) if (now - listing.at >= listing.freshForMs) listings.delete(webinarId)
      if (listings.size >= maxCachedListings) listings.clear()
    }
    const entry = { at: now, freshForMs: listingFreshForMs, outcome: Promise.resolve<string | null>(null) }
    entry.outcome = (async () => {
      try {
        await readStreamList(webinar)
        if (!(await recordingRepository.hasAny(db, webinar.id))) entry.freshForMs = Math.min(listingFreshForMs, emptyListingFreshForMs)
        return null
      } catch (error) {
        if (!(error instanceof VideoUnavailableError)) {
          // Not Stream's doing (the database): nothing to keep, the next request tries again.
          if (listings.get(webinar.id) === entry) listings.delete(webinar.id)
          throw error
        }
        // Stream is down or slow: asked again soon, not by every request meanwhile.
        entry.freshForMs = Math.min(listingFreshForMs, emptyListingFreshForMs)
        deps.logger.warn({ err: error, webinarId: webinar.id }, 'could not read the call’s recordings from Stream')
        return error.message
      }
    })()
    listings.set(webinar.id, entry)
    return entry.outcome
  }

  /**
   * "The replay is ready" to each approved registrant whose follow-up went out without it, once each (dedupe
   * key `replay_ready`). Whoever has had no follow-up yet gets none: their follow-up will carry the replay.
   * Re-running it writes nothing twice. The number of mails written.
   */
  async function announceReplay(webinarId: string): Promise<number> {
    const found = await webinarRepository.findById(db, webinarId)
    if (!found || !(await recordingRepository.hasAny(db, webinarId))) return 0
    const owed = await recordingRepository.listOwedReplayMail(db, webinarId, `${replayLinkLabel}: `)
    let written = 0
    for (const registration of owed) {
      const isWritten = await outbox.enqueueNow(db, {
        registration,
        webinar: found.webinar,
        hostName: found.host.name,
        kind: 'replay_ready',
        dedupeKey: 'replay_ready',
        hasReplay: true,
      })
      if (isWritten) written++
    }
    return written
  }

  return {
    /**
     * Stream's `call.recording_ready` webhook, as verified and parsed by the webhook service: stores the recording
     * (the list may have brought it already: same row). True when it was applied to a webinar.
     */
    async recordFromWebhook(event: unknown): Promise<boolean> {
      const ready = readRecordingReadyEvent(event)
      if (!ready) return false
      const webinar = await webinarRepository.findByCallCid(db, ready.callCid)
      if (!webinar) return false
      await store(webinar.id, ready.recording)
      return true
    },

    /** After the end: Stream's list is read at each of `checkDelaysSeconds`, once each however often this runs. */
    async scheduleChecks(webinarId: string): Promise<void> {
      for (const delaySeconds of checkDelaysSeconds) {
        await jobs.send(queueNames.checkRecordings, { webinarId }, { startAfterSeconds: delaySeconds, id: checkJobId(webinarId, delaySeconds) })
      }
    },

    /**
     * One of those checks (a job: Stream's failure fails it, and it is retried): stores what Stream lists, then
     * sends the replay's mail to whoever is owed it. The number of recordings that were new.
     */
    async checkWithStream(webinarId: string): Promise<number> {
      const found = await webinarRepository.findById(db, webinarId)
      if (!found) return 0
      const added = await readStreamList(found.webinar)
      // Also here, not only when a recording arrives: a follow-up written while the recording was being stored
      // may have gone without it.
      await announceReplay(webinarId)
      return added
    },

    announceReplay,

    /**
     * The webinar's recordings for its host and admins, with Stream's current addresses when Stream answers (and
     * any recording whose webhook never came); with what was known before, and why, when it does not.
     */
    async listForStaff(webinar: WebinarCall & { status: string; liveStartedAt: string | null }): Promise<RecordingList> {
      const mayHaveRecordings = webinar.status === 'live' || webinar.status === 'ended' || webinar.liveStartedAt !== null
      const streamError = mayHaveRecordings ? await readStreamListSoon(webinar) : null
      const rows = await recordingRepository.listByWebinar(db, webinar.id)
      return { items: rows.map(toRecordingView), streamError }
    },

    /**
     * The replay as a registrant's link offers it (the caller has checked the link): after the end, the parts
     * with addresses Stream gave out at most a minute ago, or the last ones known when Stream cannot be asked.
     */
    async getReplay(webinar: WebinarCall & { status: string }): Promise<Replay> {
      if (webinar.status !== 'ended') return { status: 'webinar_not_over', parts: [] }
      await readStreamListSoon(webinar)
      const rows = await recordingRepository.listByWebinar(db, webinar.id)
      return rows.length > 0 ? { status: 'ready', parts: rows.map(toReplayPart) } : { status: 'processing', parts: [] }
    },
  }
}

export type RecordingService = ReturnType<typeof createRecordingService>

export async function registerRecordingWorkers(jobs: JobQueue, service: RecordingService): Promise<void> {
  await jobs.work<{ webinarId: string }>(queueNames.checkRecordings, async ({ webinarId }) => {
    await service.checkWithStream(webinarId)
  })
  await jobs.work<{ webinarId: string }>(queueNames.announceReplay, async ({ webinarId }) => {
    await service.announceReplay(webinarId)
  })
}

/** The id of one check of one webinar (a UUID, as pg-boss wants): scheduling it again is a no-op. */
function checkJobId(webinarId: string, delaySeconds: number): string {
  const hex = createHash('sha256').update(`recording-check:${webinarId}:${delaySeconds}`).digest('hex')
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16)
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

/** Only what viewers saw (composite) is a replay; Stream's per-participant tracks (individual, raw) are not. */
function isReplayable(recordingType: string | undefined): boolean {
  return recordingType === undefined || recordingType === 'composite'
}

const maxFilenameLength = 1024
const maxUrlLength = 8192

function isStorable(recording: { filename: string; url: string }): boolean {
  const { filename, url } = recording
  if (filename.length === 0 || filename.length > maxFilenameLength || url.length > maxUrlLength || !URL.canParse(url)) return false
  const { protocol } = new URL(url)
  return protocol === 'https:' || protocol === 'http:'
}

/** Stream's timestamps: RFC 3339 strings, or numbers in nanoseconds (node-sdk). */
function dateOf(value: unknown): Date | null {
  const date = typeof value === 'string' ? new Date(value) : typeof value === 'number' ? new Date(value / 1e6) : null
  return date && !Number.isNaN(date.getTime()) ? date : null
}

/**
 * `call.recording_ready` (CallRecordingReadyEvent): `call_cid`, `call_recording: { filename, url, start_time,
 * end_time, session_id, recording_type }`. Signed by Stream, still checked: undefined for anything else.
 */
function readRecordingReadyEvent(event: unknown): { callCid: string; recording: FoundRecording } | undefined {
  if (typeof event !== 'object' || event === null) return undefined
  const { type, call_cid: callCid, call_recording: recording, recording_type: eventRecordingType } = event as Record<string, unknown>
  if (type !== 'call.recording_ready' || typeof callCid !== 'string' || typeof recording !== 'object' || recording === null) return undefined
  const fields = recording as Record<string, unknown>
  if (typeof fields.filename !== 'string' || typeof fields.url !== 'string') return undefined
  const recordingType = typeof fields.recording_type === 'string' ? fields.recording_type : typeof eventRecordingType === 'string' ? eventRecordingType : undefined
  const found: FoundRecording = {
    filename: fields.filename,
    url: fields.url,
    sessionId: typeof fields.session_id === 'string' && fields.session_id !== '' && fields.session_id.length <= 256 ? fields.session_id : null,
    startedAt: dateOf(fields.start_time),
    endedAt: dateOf(fields.end_time),
  }
  if (!isReplayable(recordingType) || !isStorable(found)) return undefined
  return { callCid, recording: found }
}
