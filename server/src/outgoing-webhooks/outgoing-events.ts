import { randomUUID } from 'node:crypto'
import type { WebhookEventType, WebhookMessage } from '@webinar/shared/outgoing-webhooks'
import type { Recording } from '@webinar/shared/recordings'
import type { Registration, RegistrationListItem } from '@webinar/shared/registrations'
import type { Webinar } from '@webinar/shared/webinars'
import type { Clock } from '../clock.ts'
import type { Transaction } from '../db/transaction.ts'
import { queueNames, type JobQueue } from '../jobs/job-queue.ts'
import { webhookDeliveryRepository } from './webhook-delivery-repository.ts'
import { webhookEndpointRepository } from './webhook-endpoint-repository.ts'

/**
 * What each event carries as `data`: the thing as the API shows it (its view), never anything the API hides
 * (a join token, a secret). Attendance and recordings pass their own views.
 */
export interface OutgoingEventData {
  'registration.created': Registration
  'registration.updated': Registration
  'webinar.started': Webinar
  'webinar.ended': Webinar
  'attendance.updated': RegistrationListItem
  'recording.ready': { webinarId: string; recording: Recording }
}

/** The job that delivers one delivery row; `queuedAt` tells a retry that a later resend already got it there. */
export interface DeliverWebhookJob {
  deliveryId: string
  queuedAt: string
}

/**
 * The one way to tell integrators something happened. `emit` runs inside the caller's transaction: one
 * `webhook_deliveries` row per enabled endpoint that receives the type, and its delivery job, commit with the
 * change that causes the event or not at all. Sending is left to the jobs (one per delivery), so a slow or failing
 * receiver never slows the request that emitted, nor another endpoint's deliveries.
 */
export function createOutgoingEvents({ jobs, clock }: { jobs: Pick<JobQueue, 'sendInTransaction'>; clock: Clock }) {
  return {
    async emit<Type extends WebhookEventType>(transaction: Transaction, type: Type, data: OutgoingEventData[Type]): Promise<void> {
      const endpoints = await webhookEndpointRepository.listSubscribed(transaction.db, type)
      if (endpoints.length === 0) return
      const now = clock.now()
      const payload: WebhookMessage = { type, timestamp: now.toISOString(), data }
      const deliveries = await webhookDeliveryRepository.insertMany(
        transaction.db,
        endpoints.map((endpoint) => ({ id: randomUUID(), endpointId: endpoint.id, eventType: type, payload, createdAt: now })),
      )
      for (const { id, endpointId } of deliveries) {
        const job: DeliverWebhookJob = { deliveryId: id, queuedAt: now.toISOString() }
        // Named by the delivery: enqueued twice, it is still delivered once. Grouped by endpoint: see the worker's concurrency.
        await jobs.sendInTransaction(transaction, queueNames.deliverWebhook, job, { id, group: endpointId })
      }
    },
  }
}

export type OutgoingEvents = ReturnType<typeof createOutgoingEvents>
