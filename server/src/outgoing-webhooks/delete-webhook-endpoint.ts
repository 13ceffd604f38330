import type { Database } from '../db/client.ts'
import { notFound } from '../errors.ts'
import { webhookEndpointRepository } from './webhook-endpoint-repository.ts'

/** Removes an endpoint and its delivery log; deliveries still queued for it are dropped. */
export async function deleteWebhookEndpoint({ db }: { db: Database }, id: string): Promise<void> {
  if (!(await webhookEndpointRepository.delete(db, id))) throw notFound('Webhook endpoint')
}
