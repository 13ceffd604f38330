import type { WebhookEndpointWithSecret } from '@webinar/shared/outgoing-webhooks'
import type { Clock } from '../clock.ts'
import type { Database } from '../db/client.ts'
import { notFound } from '../errors.ts'
import { webhookEndpointRepository } from './webhook-endpoint-repository.ts'
import { toWebhookEndpointView } from './webhook-endpoint-view.ts'
import type { WebhookSecrets } from './webhook-secret.ts'

/**
 * A new signing secret for the endpoint (shown in this answer only): after a leak, or when SESSION_SECRET changed
 * and the stored one can no longer be read. Every request from now on, retries included, is signed with it.
 */
export async function rotateWebhookSecret(
  { db, clock, secrets }: { db: Database; clock: Clock; secrets: WebhookSecrets },
  id: string,
): Promise<WebhookEndpointWithSecret> {
  const secret = secrets.generate()
  const updated = await webhookEndpointRepository.update(db, id, { secretCiphertext: secrets.encrypt(secret, id), updatedAt: clock.now() })
  if (!updated) throw notFound('Webhook endpoint')
  return { endpoint: toWebhookEndpointView(updated), secret }
}
