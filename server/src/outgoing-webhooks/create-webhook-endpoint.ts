import { randomUUID } from 'node:crypto'
import { maxWebhookEndpoints, type CreateWebhookEndpointBody, type WebhookEndpointWithSecret } from '@webinar/shared/outgoing-webhooks'
import type { Clock } from '../clock.ts'
import type { Database } from '../db/client.ts'
import { conflict } from '../errors.ts'
import type { Staff } from '../users/staff.ts'
import { checkEndpointUrl } from './check-endpoint-url.ts'
import { webhookEndpointRepository } from './webhook-endpoint-repository.ts'
import { toWebhookEndpointView } from './webhook-endpoint-view.ts'
import type { WebhookSecrets } from './webhook-secret.ts'

export interface CreateWebhookEndpointDependencies {
  db: Database
  clock: Clock
  secrets: WebhookSecrets
  isPrivateUrlAllowed: boolean
}

/** Adds a receiver. Its signing secret leaves the server in this answer only; the database keeps it encrypted. */
export async function createWebhookEndpoint(
  { db, clock, secrets, isPrivateUrlAllowed }: CreateWebhookEndpointDependencies,
  staff: Staff,
  body: CreateWebhookEndpointBody,
): Promise<WebhookEndpointWithSecret> {
  const url = await checkEndpointUrl(body.url, { isPrivateUrlAllowed })
  if ((await webhookEndpointRepository.count(db)) >= maxWebhookEndpoints) {
    throw conflict(`There are ${maxWebhookEndpoints} endpoints already: remove one first, or send one endpoint more event types.`)
  }
  const id = randomUUID()
  const secret = secrets.generate()
  const now = clock.now()
  const row = await webhookEndpointRepository.insert(db, {
    id,
    url,
    description: body.description?.trim() ?? '',
    eventTypes: [...new Set(body.eventTypes ?? [])],
    secretCiphertext: secrets.encrypt(secret, id),
    createdById: staff.user.id,
    createdAt: now,
    updatedAt: now,
  })
  return { endpoint: toWebhookEndpointView(row), secret }
}
