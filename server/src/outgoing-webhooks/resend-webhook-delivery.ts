import type { WebhookDelivery } from '@webinar/shared/outgoing-webhooks'
import type pg from 'pg'
import { randomUUID } from 'node:crypto'
import type { Clock } from '../clock.ts'
import type { Database } from '../db/client.ts'
import { runInTransaction } from '../db/transaction.ts'
import { conflict, notFound } from '../errors.ts'
import { queueNames, type JobQueue } from '../jobs/job-queue.ts'
import { findEndpointOrFail } from './get-webhook-endpoint.ts'
import type { DeliverWebhookJob } from './outgoing-events.ts'
import { webhookDeliveryRepository } from './webhook-delivery-repository.ts'
import { toWebhookDeliveryView } from './webhook-endpoint-view.ts'

export interface ResendWebhookDeliveryDependencies {
  db: Database
  pool: pg.Pool
  jobs: Pick<JobQueue, 'sendInTransaction'>
  clock: Clock
}

/**
 * Sends a delivery again, whatever became of it: the same message with the same `webhook-id` (so a receiver that
 * already has it can tell), signed afresh, with retries of its own. The delivery is pending until it is tried.
 */
export async function resendWebhookDelivery(
  { db, pool, jobs, clock }: ResendWebhookDeliveryDependencies,
  endpointId: string,
  deliveryId: string,
): Promise<WebhookDelivery> {
  const endpoint = await findEndpointOrFail(db, endpointId)
  if (!endpoint.isEnabled) throw conflict('This endpoint is disabled: enable it before resending to it.')
  return runInTransaction(pool, async (transaction) => {
    const delivery = await webhookDeliveryRepository.findForEndpoint(transaction.db, endpointId, deliveryId)
    if (!delivery) throw notFound('Delivery')
    const pending = await webhookDeliveryRepository.markPending(transaction.db, delivery.id)
    const job: DeliverWebhookJob = { deliveryId: delivery.id, queuedAt: clock.now().toISOString() }
    // A job of its own (a new id): the first one may still be waiting for a retry, and this one must not be a no-op.
    await jobs.sendInTransaction(transaction, queueNames.deliverWebhook, job, { id: randomUUID(), group: endpointId })
    return toWebhookDeliveryView(pending!)
  })
}
