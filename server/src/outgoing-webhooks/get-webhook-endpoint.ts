import type { WebhookEndpoint, WebhookEndpointList } from '@webinar/shared/outgoing-webhooks'
import type { Database } from '../db/client.ts'
import { notFound } from '../errors.ts'
import { webhookEndpointRepository, type WebhookEndpointRow } from './webhook-endpoint-repository.ts'
import { toWebhookEndpointView } from './webhook-endpoint-view.ts'

/** The endpoint, or a 404. */
export async function findEndpointOrFail(db: Database, id: string): Promise<WebhookEndpointRow> {
  const row = await webhookEndpointRepository.findById(db, id)
  if (!row) throw notFound('Webhook endpoint')
  return row
}

export async function getWebhookEndpoint({ db }: { db: Database }, id: string): Promise<WebhookEndpoint> {
  return toWebhookEndpointView(await findEndpointOrFail(db, id))
}

/** Every endpoint, newest first (there are at most maxWebhookEndpoints). */
export async function listWebhookEndpoints({ db }: { db: Database }): Promise<WebhookEndpointList> {
  return { items: (await webhookEndpointRepository.list(db)).map(toWebhookEndpointView) }
}
