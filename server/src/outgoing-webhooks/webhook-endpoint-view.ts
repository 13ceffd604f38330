import type { WebhookDelivery, WebhookEndpoint, WebhookEventType, WebhookMessage } from '@webinar/shared/outgoing-webhooks'
import type { WebhookDeliveryRow } from './webhook-delivery-repository.ts'
import type { WebhookEndpointRow } from './webhook-endpoint-repository.ts'

/** An endpoint as the API shows it (never its signing secret, encrypted or not). */
export function toWebhookEndpointView(row: WebhookEndpointRow): WebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: row.eventTypes as WebhookEventType[],
    isEnabled: row.isEnabled,
    disabledReason: row.disabledReason,
    consecutiveFailures: row.consecutiveFailures,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }
}

export function toWebhookDeliveryView(row: WebhookDeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    endpointId: row.endpointId,
    eventType: row.eventType as WebhookEventType,
    status: row.status,
    attempts: row.attempts,
    lastStatusCode: row.lastStatusCode,
    lastError: row.lastError,
    lastAttemptAt: row.lastAttemptAt?.toISOString() ?? null,
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    payload: row.payload as WebhookMessage,
  }
}
