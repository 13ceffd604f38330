import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorResponse } from '@webinar/shared/errors'
import Type from 'typebox'
import { AppError } from '../errors.ts'
import type { StreamWebhookService } from './stream-webhook-service.ts'

const WebhookAnswer = Type.Object({ status: Type.Enum(['processed', 'stored', 'duplicate']) })

/**
 * Stream's webhooks. The HMAC covers the exact bytes sent, so the body is kept raw (never re-serialised).
 * The answer comes quickly: Stream retries slow answers.
 */
export const streamWebhooksRoutes: FastifyPluginAsyncTypebox<{ service: StreamWebhookService }> = async (app, { service }) => {
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body))

  app.post(
    '/webhooks',
    {
      // Generous for Stream's bursts (it retries a 429), but a flood of forged requests from one address is cut off
      // before any signature is checked.
      config: { rateLimit: { max: 6000, timeWindow: '1 minute' } },
      schema: {
        tags: ['stream'],
        summary: 'Receives Stream Video webhooks (signed with the Stream API secret)',
        response: { 200: WebhookAnswer, 400: ErrorResponse, 401: ErrorResponse, 413: ErrorResponse },
      },
    },
    async (request) => {
      const signature = request.headers['x-signature']
      const rawBody = request.body as Buffer | undefined
      if (typeof signature !== 'string' || signature === '') throw new AppError('unauthenticated', 'The X-SIGNATURE header is missing.')
      if (!Buffer.isBuffer(rawBody) || rawBody.length === 0) throw new AppError('bad_request', 'The webhook has no body.')
      const headerId = request.headers['x-webhook-id']
      const webhookId = typeof headerId === 'string' ? headerId : undefined
      return { status: await service.receive({ rawBody, signature, webhookId }) }
    },
  )
}
