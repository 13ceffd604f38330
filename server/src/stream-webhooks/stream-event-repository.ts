import { eq } from 'drizzle-orm'
import type { Database } from '../db/client.ts'
import { streamWebhookEvents } from '../db/schema.ts'

/** A webhook's event as it is stored. */
export interface NewStreamEvent {
  webhookId: string
  type: string
  callCid: string | null
  payload: unknown
  payloadHash: string
}

/** Stream's webhooks as received; the `db` may be a transaction's. */
export const streamEventRepository = {
  /** Stores the event unless its webhook id or its content was seen before; true when it is new. */
  async recordIfNew(db: Database, event: NewStreamEvent): Promise<boolean> {
    const inserted = await db
      .insert(streamWebhookEvents)
      .values(event)
      .onConflictDoNothing()
      .returning({ webhookId: streamWebhookEvents.webhookId })
    return inserted.length > 0
  },
  /**
   * Stores these events (none with the webhook id or content of another of them) in one statement, each unless its
   * webhook id or content was seen before; the webhook ids of those stored now.
   */
  async recordManyIfNew(db: Database, events: NewStreamEvent[]): Promise<Set<string>> {
    if (events.length === 0) return new Set()
    const inserted = await db.insert(streamWebhookEvents).values(events).onConflictDoNothing().returning({ webhookId: streamWebhookEvents.webhookId })
    return new Set(inserted.map((row) => row.webhookId))
  },
  async markProcessed(db: Database, webhookId: string, at: Date): Promise<void> {
    await db.update(streamWebhookEvents).set({ processedAt: at }).where(eq(streamWebhookEvents.webhookId, webhookId))
  },
}
