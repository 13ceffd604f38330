import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorResponse } from '@webinar/shared/errors'
import type { FastifyRequest } from 'fastify'
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

  // Stream sends every webhook of every webinar from a handful of addresses: a limit per address on its signed
  // webhooks would refuse (429) the joins and leaves of a busy webinar, and its attendance would lose them. So a
  // signed webhook is never limited. Only requests that fail the signature check (unsigned, forged, too large once
  // inflated) count against their address, as much as any anonymous request may (RATE_LIMIT_PER_MINUTE); an address
  // over that is refused before its body is even read, so a flood of forgeries costs no inflating and no hashing.
  const limitUnverifiedPerAddress = app.createRateLimit({ keyGenerator: (request) => `stream-webhook-unverified:${request.ip}` })
  const refuseAddressesOverTheLimit = async (request: FastifyRequest) => {
    // Read, not counted: only a failed check counts. The address has used up its failures once none remain.
    const limit = await limitUnverifiedPerAddress(request, { increment: false })
    if (!limit.isAllowed && limit.remaining === 0) {
      throw new AppError('rate_limited', `Too many webhooks failed the signature check from this address. Try again in ${limit.ttlInSeconds} seconds.`)
    }
  }

  app.post(
    '/webhooks',
    {
      config: { rateLimit: false },
      onRequest: refuseAddressesOverTheLimit,
      schema: {
        tags: ['stream'],
        summary: 'Receives Stream Video webhooks (signed with the Stream API secret)',
        response: { 200: WebhookAnswer, 400: ErrorResponse, 401: ErrorResponse, 413: ErrorResponse, 429: ErrorResponse },
      },
    },
    async (request) => {
      let event: unknown
      try {
        const signature = request.headers['x-signature']
        const rawBody = request.body as Buffer | undefined
        if (typeof signature !== 'string' || signature === '') throw new AppError('unauthenticated', 'The X-SIGNATURE header is missing.')
        if (!Buffer.isBuffer(rawBody) || rawBody.length === 0) throw new AppError('bad_request', 'The webhook has no body.')
        event = service.verify({ rawBody, signature })
      } catch (error) {
        await limitUnverifiedPerAddress(request)
        throw error
      }
      const headerId = request.headers['x-webhook-id']
      const webhookId = typeof headerId === 'string' ? headerId : undefined
      return { status: await service.receive({ event, webhookId }) }
    },
  )
}
