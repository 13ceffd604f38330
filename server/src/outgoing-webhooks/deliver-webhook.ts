import { Webhook } from 'standardwebhooks'
import type { Clock } from '../clock.ts'
import type { Database } from '../db/client.ts'
import type { WorkConcurrency } from '../jobs/job-queue.ts'
import type { DeliverWebhookJob } from './outgoing-events.ts'
import { postWebhook, type PostOutcome } from './post-webhook.ts'
import { webhookDeliveryRepository, type WebhookDeliveryRow } from './webhook-delivery-repository.ts'
import { webhookEndpointRepository, type WebhookEndpointRow } from './webhook-endpoint-repository.ts'
import type { WebhookSecrets } from './webhook-secret.ts'
import { resolveWebhookUrl, WebhookUrlRefusedError } from './webhook-url-guard.ts'

/** Long enough for a receiver that does its work before answering; short enough that a hanging one holds a worker briefly. */
export const webhookTimeoutMs = 10_000

/**
 * Eight deliveries at a time per instance, at most two of them to any one endpoint (over all instances, counted in
 * PostgreSQL by pg-boss): three endpoints that hang until the timeout still leave two workers of every instance to
 * the others, and one busy endpoint cannot take the queue for itself.
 */
export const webhookDeliveryConcurrency: WorkConcurrency = { localConcurrency: 8, groupConcurrency: 2 }

/**
 * When an endpoint is turned off: its last 50 attempts or more all failed AND it has been failing for a day. Both,
 * because either alone misjudges: a busy endpoint down for a few minutes fails 50 attempts quickly but recovers by
 * itself (retries deliver everything), and a quiet one (a few events a week) whose one delivery fails for a day has
 * cost little. An endpoint failing for a day and 50 attempts is gone, or misconfigured: trying on wastes workers
 * and fills the log, and turning it off (with the reason shown in Settings) tells its owner.
 */
export const disablePolicy = { consecutiveFailures: 50, failingForMs: 24 * 3600_000 }

export interface DeliverWebhookDependencies {
  db: Database
  secrets: WebhookSecrets
  clock: Clock
  isPrivateUrlAllowed: boolean
}

/** A failed attempt, thrown so that pg-boss tries again with backoff. */
export class WebhookAttemptFailedError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'WebhookAttemptFailedError'
  }
}

/** PostgreSQL's text takes neither NUL nor lone surrogates, and a receiver's answer may hold both. */
function storable(text: string, maxLength = 500): string {
  const cleaned = text.replaceAll('\u0000', '').toWellFormed().trim()
  return cleaned.length > maxLength ? `${cleaned.slice(0, maxLength)}…` : cleaned
}

function describeFailure(outcome: PostOutcome): string {
  if ('error' in outcome) return outcome.error
  const redirect = outcome.statusCode >= 300 && outcome.statusCode < 400 ? ' (redirects are not followed)' : ''
  const said = storable(outcome.body, 300)
  return `HTTP ${outcome.statusCode}${redirect}${said ? `: ${said}` : ''}`
}

/**
 * One attempt at one delivery: checks the URL again (DNS may have changed since it was saved), signs, POSTs, and
 * records what came of it on the delivery row and on the endpoint's run of failures. A failure throws, and pg-boss
 * retries with backoff, unless it was the last attempt (the delivery is then `failed`, and can be resent from the
 * log) or the endpoint has been turned off meanwhile.
 */
export async function deliverWebhook(
  { db, secrets, clock, isPrivateUrlAllowed }: DeliverWebhookDependencies,
  { deliveryId, queuedAt }: DeliverWebhookJob,
  { isLastAttempt }: { isLastAttempt: boolean },
): Promise<void> {
  const found = await webhookDeliveryRepository.findWithEndpoint(db, deliveryId)
  // The endpoint was deleted, and its log with it.
  if (!found) return
  const { delivery, endpoint } = found
  // A retry of a job that a resend overtook: the resend got it there.
  if (delivery.deliveredAt && delivery.deliveredAt.getTime() >= new Date(queuedAt).getTime()) return
  if (!endpoint.isEnabled) {
    await webhookDeliveryRepository.markNotSent(db, delivery.id, 'Not sent: the endpoint is disabled. Enable it, then resend.')
    return
  }

  const attemptedAt = clock.now()
  const outcome = await sendOnce({ secrets, isPrivateUrlAllowed }, delivery, endpoint, attemptedAt)
  if ('statusCode' in outcome && outcome.statusCode >= 200 && outcome.statusCode < 300) {
    await webhookDeliveryRepository.recordAttempt(db, delivery.id, { status: 'succeeded', statusCode: outcome.statusCode, error: null, at: attemptedAt })
    await webhookEndpointRepository.resetFailures(db, endpoint.id)
    return
  }

  const error = storable(describeFailure(outcome))
  const statusCode = 'statusCode' in outcome ? outcome.statusCode : null
  const failures = (await webhookEndpointRepository.countFailure(db, endpoint.id)) ?? 0
  const isDisabledNow = failures >= disablePolicy.consecutiveFailures && (await disableWhenFailingLong(db, endpoint.id, failures, error, clock.now()))
  const isOver = isLastAttempt || isDisabledNow
  await webhookDeliveryRepository.recordAttempt(db, delivery.id, { status: isOver ? 'failed' : 'pending', statusCode, error, at: attemptedAt })
  if (!isOver) throw new WebhookAttemptFailedError(`webhook delivery ${delivery.id} to endpoint ${endpoint.id} failed: ${error}`)
}

/** Signs the message and POSTs it to the endpoint's URL as it resolves now, if that is still allowed. */
async function sendOnce(
  { secrets, isPrivateUrlAllowed }: Pick<DeliverWebhookDependencies, 'secrets' | 'isPrivateUrlAllowed'>,
  delivery: WebhookDeliveryRow,
  endpoint: WebhookEndpointRow,
  at: Date,
): Promise<PostOutcome> {
  const secret = secrets.decrypt(endpoint.secretCiphertext, endpoint.id)
  if (secret === undefined) {
    return { error: 'The signing secret cannot be read (SESSION_SECRET changed since it was made): rotate the endpoint’s secret.' }
  }
  let target: Awaited<ReturnType<typeof resolveWebhookUrl>>
  try {
    target = await resolveWebhookUrl(endpoint.url, { isPrivateAllowed: isPrivateUrlAllowed })
  } catch (refusal) {
    if (refusal instanceof WebhookUrlRefusedError) return { error: `Not sent: ${refusal.message}` }
    throw refusal
  }
  // The stored payload, serialised once: the bytes signed are the bytes sent.
  const body = JSON.stringify(delivery.payload)
  const headers = {
    'user-agent': 'webinar-platform-webhooks/1',
    'webhook-id': delivery.id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(delivery.id, at, body),
  }
  return postWebhook({ ...target, headers, body, timeoutMs: webhookTimeoutMs })
}

/** Turns the endpoint off when its run of failures has also lasted long enough; true when this call did it. */
async function disableWhenFailingLong(db: Database, endpointId: string, failures: number, lastError: string, now: Date): Promise<boolean> {
  const failingSince = await webhookDeliveryRepository.findFailingSince(db, endpointId)
  if (!failingSince || now.getTime() - failingSince.getTime() < disablePolicy.failingForMs) return false
  const hours = Math.floor((now.getTime() - failingSince.getTime()) / 3600_000)
  const reason =
    `Turned off on ${now.toISOString().slice(0, 16).replace('T', ' ')} UTC after ${failures} failed attempts in a row over ${hours} hours ` +
    `(last: ${lastError}). Fix the receiver, enable the endpoint again, then resend what it missed from its log.`
  return webhookEndpointRepository.disable(db, endpointId, storable(reason, 1000), now)
}
