import type { CreateWebhookEndpointBody, UpdateWebhookEndpointBody, WebhookDeliveryListQuery } from '@webinar/shared/outgoing-webhooks'
import type { Staff } from '../users/staff.ts'
import { createWebhookEndpoint, type CreateWebhookEndpointDependencies } from './create-webhook-endpoint.ts'
import { deleteWebhookEndpoint } from './delete-webhook-endpoint.ts'
import { getWebhookEndpoint, listWebhookEndpoints } from './get-webhook-endpoint.ts'
import { listWebhookDeliveries } from './list-webhook-deliveries.ts'
import { resendWebhookDelivery, type ResendWebhookDeliveryDependencies } from './resend-webhook-delivery.ts'
import { rotateWebhookSecret } from './rotate-webhook-secret.ts'
import { updateWebhookEndpoint } from './update-webhook-endpoint.ts'

export type WebhookEndpointsServiceDependencies = CreateWebhookEndpointDependencies & ResendWebhookDeliveryDependencies

/** Managing outgoing webhooks' endpoints and their delivery logs (one operation per file), bound for the routes. */
export function createWebhookEndpointsService(deps: WebhookEndpointsServiceDependencies) {
  return {
    list: () => listWebhookEndpoints(deps),
    get: (id: string) => getWebhookEndpoint(deps, id),
    create: (staff: Staff, body: CreateWebhookEndpointBody) => createWebhookEndpoint(deps, staff, body),
    update: (id: string, body: UpdateWebhookEndpointBody) => updateWebhookEndpoint(deps, id, body),
    delete: (id: string) => deleteWebhookEndpoint(deps, id),
    rotateSecret: (id: string) => rotateWebhookSecret(deps, id),
    listDeliveries: (id: string, query: WebhookDeliveryListQuery) => listWebhookDeliveries(deps, id, query),
    resend: (id: string, deliveryId: string) => resendWebhookDelivery(deps, id, deliveryId),
  }
}

export type WebhookEndpointsService = ReturnType<typeof createWebhookEndpointsService>
