import type { WebhookDeliveryList, WebhookDeliveryListQuery } from '@webinar/shared/outgoing-webhooks'
import type { Database } from '../db/client.ts'
import { findEndpointOrFail } from './get-webhook-endpoint.ts'
import { webhookDeliveryRepository } from './webhook-delivery-repository.ts'
import { toWebhookDeliveryView } from './webhook-endpoint-view.ts'

/** An endpoint's delivery log, latest first, a page at a time. */
export async function listWebhookDeliveries({ db }: { db: Database }, endpointId: string, query: WebhookDeliveryListQuery): Promise<WebhookDeliveryList> {
  await findEndpointOrFail(db, endpointId)
  const limit = query.limit ?? 20
  const offset = query.offset ?? 0
  const { items, total } = await webhookDeliveryRepository.listForEndpoint(db, endpointId, { limit, offset })
  return { items: items.map(toWebhookDeliveryView), total, limit, offset }
}
