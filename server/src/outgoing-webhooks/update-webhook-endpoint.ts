import type { UpdateWebhookEndpointBody, WebhookEndpoint } from '@webinar/shared/outgoing-webhooks'
import type { Clock } from '../clock.ts'
import type { Database } from '../db/client.ts'
import { notFound } from '../errors.ts'
import { checkEndpointUrl } from './check-endpoint-url.ts'
import { findEndpointOrFail } from './get-webhook-endpoint.ts'
import { webhookEndpointRepository, type NewWebhookEndpointRow } from './webhook-endpoint-repository.ts'
import { toWebhookEndpointView } from './webhook-endpoint-view.ts'

export interface UpdateWebhookEndpointDependencies {
  db: Database
  clock: Clock
  isPrivateUrlAllowed: boolean
}

/**
 * Changes an endpoint's URL, description or event types, or turns it on or off. Turning it on starts afresh: the
 * failure count and the reason it was turned off are cleared (what it missed can be resent from its log).
 */
export async function updateWebhookEndpoint(
  { db, clock, isPrivateUrlAllowed }: UpdateWebhookEndpointDependencies,
  id: string,
  body: UpdateWebhookEndpointBody,
): Promise<WebhookEndpoint> {
  const endpoint = await findEndpointOrFail(db, id)
  const changes: Partial<NewWebhookEndpointRow> = { updatedAt: clock.now() }
  if (body.url !== undefined) changes.url = await checkEndpointUrl(body.url, { isPrivateUrlAllowed })
  if (body.description !== undefined) changes.description = body.description.trim()
  if (body.eventTypes !== undefined) changes.eventTypes = [...new Set(body.eventTypes)]
  if (body.isEnabled !== undefined && body.isEnabled !== endpoint.isEnabled) {
    changes.isEnabled = body.isEnabled
    changes.disabledReason = null
    if (body.isEnabled) changes.consecutiveFailures = 0
  }
  const updated = await webhookEndpointRepository.update(db, id, changes)
  if (!updated) throw notFound('Webhook endpoint')
  return toWebhookEndpointView(updated)
}
