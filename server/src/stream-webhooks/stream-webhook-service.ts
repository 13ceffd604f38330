import { createHash } from 'node:crypto'
import type { Clock } from '../clock.ts'
import type { Database } from '../db/client.ts'
import { AppError } from '../errors.ts'
import type { VideoService } from '../video/video-service.ts'
import { webinarRepository } from '../webinars/webinar-repository.ts'
import type { StatusEffects } from '../webinars/status-effects.ts'
import { streamEventRepository } from './stream-event-repository.ts'

export interface StreamWebhookServiceDependencies {
  db: Database
  video: VideoService
  clock: Clock
  statusEffects: StatusEffects
}

export type WebhookOutcome = 'processed' | 'stored' | 'duplicate'

// Stream retries for minutes, not days: an older event is a replay and is kept but never applied.
const maxEventAgeMs = 24 * 3600_000

/**
 * Stream's webhooks. Every event is stored first (de-duplicated on X-WEBHOOK-ID: Stream retries with the same
 * id; and on its content, so a signed event replayed under a new id does nothing), then the ones that move a
 * webinar's state are applied, unless they are more than a day old. Participant and recording events wait, stored,
 * for attendance and replays (the follow-up mail reads them).
 */
export function createStreamWebhookService({ db, video, clock, statusEffects }: StreamWebhookServiceDependencies) {
  /** Keeps the webinar in step when the host acts from elsewhere (Stream's dashboard, another client). */
  async function applyToWebinar(type: string, callCid: string, event: Record<string, unknown>): Promise<boolean> {
    const webinar = await webinarRepository.findByCallCid(db, callCid)
    if (!webinar) return false
    const at = typeof event.created_at === 'string' ? new Date(event.created_at) : clock.now()
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
      default:
        return false
    }
  }

  return {
    /** Checks the signature over the exact bytes Stream sent, stores the event once, applies it if it moves a webinar. */
    async receive(webhook: { rawBody: Buffer; signature: string; webhookId: string | undefined }): Promise<WebhookOutcome> {
      let event: Record<string, unknown>
      try {
        event = video.verifyAndParseWebhook(webhook.rawBody, webhook.signature)
      } catch {
        throw new AppError('unauthenticated', 'The webhook signature does not match.')
      }
      // Hashed as verified and parsed, so the same event gzipped or not is the same event.
      const payloadHash = createHash('sha256').update(JSON.stringify(event)).digest('hex')
      const webhookId = webhook.webhookId || `sha256:${payloadHash}`
      const type = typeof event.type === 'string' ? event.type : 'unknown'
      const callCid = typeof event.call_cid === 'string' ? event.call_cid : null
      const isNew = await streamEventRepository.recordIfNew(db, { webhookId, type, callCid, payload: event, payloadHash })
      if (!isNew) return 'duplicate'

      const createdAt = typeof event.created_at === 'string' ? Date.parse(event.created_at) : Number.NaN
      const isStale = Number.isFinite(createdAt) && clock.now().getTime() - createdAt > maxEventAgeMs
      const isApplied = callCid && !isStale ? await applyToWebinar(type, callCid, event) : false
      if (isApplied) await streamEventRepository.markProcessed(db, webhookId, clock.now())
      return isApplied ? 'processed' : 'stored'
    },
  }
}

export type StreamWebhookService = ReturnType<typeof createStreamWebhookService>
