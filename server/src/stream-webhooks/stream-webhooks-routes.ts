import { createHash } from 'node:crypto'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorResponse } from '@webinar/shared/errors'
import Type from 'typebox'
import type { Clock } from '../clock.ts'
import type { StatusEffects } from '../webinars/status-effects.ts'
import { AppError } from '../errors.ts'
import type { VideoService } from '../video/video-service.ts'
import type { WebinarRepository } from '../webinars/webinar-repository.ts'
import type { StreamEventRepository } from './stream-event-repository.ts'

interface StreamWebhookOptions {
  video: VideoService
  events: StreamEventRepository
  webinars: WebinarRepository
  clock: Clock
  statusEffects: StatusEffects
}

const WebhookAnswer = Type.Object({ status: Type.Enum(['processed', 'stored', 'duplicate']) })

/**
 * Stream's webhooks. The HMAC covers the exact bytes sent, so the body is kept raw (never re-serialised).
 * Every event is stored first (de-duplicated on X-WEBHOOK-ID: Stream retries with the same id), then the
 * ones that move a webinar's state are applied. Participant and recording events wait, stored, for the
 * attendance and replay features. The answer comes quickly: Stream retries slow answers.
 */
export const streamWebhooksRoutes: FastifyPluginAsyncTypebox<StreamWebhookOptions> = async (app, { video, events, webinars, clock, statusEffects }) => {
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body))

  app.post(
    '/webhooks',
    {
      config: { rateLimit: false },
      schema: {
        tags: ['stream'],
        summary: 'Receives Stream Video webhooks (signed with the Stream API secret)',
        response: { 200: WebhookAnswer, 400: ErrorResponse, 401: ErrorResponse },
      },
    },
    async (request) => {
      const signature = request.headers['x-signature']
      const rawBody = request.body as Buffer | undefined
      if (typeof signature !== 'string' || signature === '') throw new AppError('unauthenticated', 'The X-SIGNATURE header is missing.')
      if (!Buffer.isBuffer(rawBody) || rawBody.length === 0) throw new AppError('bad_request', 'The webhook has no body.')
      let event: Record<string, unknown>
      try {
        event = video.verifyAndParseWebhook(rawBody, signature)
      } catch {
        throw new AppError('unauthenticated', 'The webhook signature does not match.')
      }

      const headerId = request.headers['x-webhook-id']
      const webhookId = typeof headerId === 'string' && headerId ? headerId : `sha256:${createHash('sha256').update(rawBody).digest('hex')}`
      const type = typeof event.type === 'string' ? event.type : 'unknown'
      const callCid = typeof event.call_cid === 'string' ? event.call_cid : null
      const isNew = await events.recordIfNew({ webhookId, type, callCid, payload: event })
      if (!isNew) return { status: 'duplicate' as const }

      const isApplied = callCid ? await applyToWebinar(type, callCid, event) : false
      if (isApplied) await events.markProcessed(webhookId, clock.now())
      return { status: isApplied ? ('processed' as const) : ('stored' as const) }
    },
  )

  /** Keeps the webinar in step when the host acts from elsewhere (Stream's dashboard, another client). */
  async function applyToWebinar(type: string, callCid: string, event: Record<string, unknown>): Promise<boolean> {
    const webinar = await webinars.findByCallCid(callCid)
    if (!webinar) return false
    const at = typeof event.created_at === 'string' ? new Date(event.created_at) : clock.now()
    switch (type) {
      case 'call.live_started':
        if (await webinars.transition(webinar.id, ['draft', 'scheduled'], { status: 'live', liveStartedAt: at })) {
          await statusEffects.wentLive(webinar.id)
        }
        return true
      case 'call.ended': {
        const hasEnded = await webinars.transition(webinar.id, ['draft', 'scheduled', 'live'], { status: 'ended', endedAt: at })
        if (hasEnded) await statusEffects.ended(webinar.id)
        return true
      }
      case 'call.hls_broadcasting_started':
        if (typeof event.hls_playlist_url === 'string') await webinars.setHlsPlaylistUrl(webinar.id, event.hls_playlist_url)
        return true
      default:
        return false
    }
  }
}
