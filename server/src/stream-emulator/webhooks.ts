import { createHmac, randomUUID } from 'node:crypto'
import { cidOf, iso } from './emulator-state.ts'

/** A webhook event as Stream sends it: `type`, `call_cid`, `created_at` and the event's own fields. */
export interface StreamEvent {
  type: string
  call_cid: string
  created_at: string
  [field: string]: unknown
}

/** The fields every event about a call starts with, `type`, `call_cid` and `created_at`; the event's own follow. */
export function callEventBase(type: string, call: { type: string; id: string }, at: Date) {
  return { type, call_cid: cidOf(call.type, call.id), created_at: iso(at) }
}

export interface WebhookDelivery {
  webhookId: string
  eventType: string
  callCid: string
  url: string | null
  /** `skipped`: no webhook URL was set when the event happened. */
  status: 'pending' | 'delivered' | 'failed' | 'skipped' | 'cancelled'
  attempts: number
  lastResponseStatus: number | null
  lastError: string | null
}

export interface WebhookSenderOptions {
  apiKey: string
  apiSecret: string
  url?: string
  fetch: typeof fetch
  /** Waits between attempts; one attempt more than there are waits. */
  retryDelaysMs: readonly number[]
  attemptTimeoutMs: number
  /** How many deliveries `listDeliveries` remembers (local mode runs for days). */
  historyLimit: number
}

// Stream retries on these and on network failures; any other answer is final.
const isRetryableStatus = (status: number) => status === 408 || status === 429 || status >= 500

/**
 * Sends webhook events the way Stream does: POST of the JSON body signed with HMAC-SHA256 of the exact bytes
 * (X-SIGNATURE, hex), the same X-WEBHOOK-ID on every attempt, X-WEBHOOK-ATTEMPT counting from 1, X-API-KEY.
 * Events go out one at a time in the order they happened, off the request path; `whenDelivered` lets tests wait.
 */
export function createWebhookSender(options: WebhookSenderOptions) {
  let url = options.url
  let queue: Promise<void> = Promise.resolve()
  // Bumped by cancelPending: deliveries of an older generation stop at their next step.
  let generation = 0
  let cancelWaits = new AbortController()
  const deliveries: WebhookDelivery[] = []

  function sign(body: string): string {
    return createHmac('sha256', options.apiSecret).update(body).digest('hex')
  }

  function wait(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal.aborted) return resolve()
      const timer = setTimeout(done, ms)
      timer.unref()
      signal.addEventListener('abort', done, { once: true })
      function done() {
        clearTimeout(timer)
        signal.removeEventListener('abort', done)
        resolve()
      }
    })
  }

  async function deliver(delivery: WebhookDelivery, body: string, targetUrl: string, ownGeneration: number, cancel: AbortSignal) {
    const signature = sign(body)
    const attempts = options.retryDelaysMs.length + 1
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (ownGeneration !== generation) {
        delivery.status = 'cancelled'
        return
      }
      delivery.attempts = attempt
      try {
        const response = await options.fetch(targetUrl, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-signature': signature,
            'x-webhook-id': delivery.webhookId,
            'x-webhook-attempt': String(attempt),
            'x-api-key': options.apiKey,
            'user-agent': 'stream-api-emulator',
          },
          body,
          signal: AbortSignal.any([AbortSignal.timeout(options.attemptTimeoutMs), cancel]),
        })
        // Drain the answer so the connection can be reused; its content does not matter.
        await response.arrayBuffer().catch(() => undefined)
        delivery.lastResponseStatus = response.status
        delivery.lastError = null
        if (response.ok) {
          delivery.status = 'delivered'
          return
        }
        if (!isRetryableStatus(response.status)) break
      } catch (error) {
        delivery.lastError = error instanceof Error ? error.message : String(error)
      }
      const delay = options.retryDelaysMs[attempt - 1]
      if (delay !== undefined) await wait(delay, cancel)
    }
    delivery.status = ownGeneration === generation ? 'failed' : 'cancelled'
  }

  function remember(delivery: WebhookDelivery) {
    deliveries.push(delivery)
    if (deliveries.length > options.historyLimit) deliveries.splice(0, deliveries.length - options.historyLimit)
  }

  return {
    setUrl(next: string | undefined) {
      url = next
    },

    getUrl(): string | undefined {
      return url
    },

    /** Queues the event for the URL set now; returns at once. */
    send(event: StreamEvent): void {
      const delivery: WebhookDelivery = {
        webhookId: randomUUID(),
        eventType: event.type,
        callCid: event.call_cid,
        url: url ?? null,
        status: url ? 'pending' : 'skipped',
        attempts: 0,
        lastResponseStatus: null,
        lastError: null,
      }
      remember(delivery)
      if (!url) return
      const targetUrl = url
      const body = JSON.stringify(event)
      const ownGeneration = generation
      const cancel = cancelWaits.signal
      queue = queue
        .then(() => deliver(delivery, body, targetUrl, ownGeneration, cancel))
        .catch((error: unknown) => {
          delivery.status = 'failed'
          delivery.lastError = error instanceof Error ? error.message : String(error)
        })
    },

    /** Resolves once every event queued so far, and any queued meanwhile, has been delivered or given up on. */
    async whenDelivered(): Promise<void> {
      let awaited: Promise<void> | undefined
      while (awaited !== queue) {
        awaited = queue
        await awaited
      }
    },

    /** Stops retrying and drops what is queued (reset and close). */
    cancelPending(): void {
      generation++
      cancelWaits.abort()
      cancelWaits = new AbortController()
    },

    listDeliveries(): WebhookDelivery[] {
      return deliveries.map((delivery) => ({ ...delivery }))
    },

    clearHistory(): void {
      deliveries.length = 0
    },
  }
}

export type WebhookSender = ReturnType<typeof createWebhookSender>
