import { eq } from 'drizzle-orm'
import type { Database } from '../db/client.ts'
import { streamWebhookEvents } from '../db/schema.ts'

/** Stream's webhooks as received; the `db` may be a transaction's. */
export const streamEventRepository = {
  /** Stores the event unless its webhook id or its content was seen before; true when it is new. */
  async recordIfNew(
    db: Database,
    event: { webhookId: string; type: string; callCid: string | null; payload: unknown; payloadHash: string },
  ): Promise<boolean> {
    const inserted = await db
      .insert(streamWebhookEvents)
      .values(event)
      .onConflictDoNothing()
      .returning({ webhookId: streamWebhookEvents.webhookId })
    return inserted.length > 0
  },
  async markProcessed(db: Database, webhookId: string, at: Date): Promise<void> {
    await db.update(streamWebhookEvents).set({ processedAt: at }).where(eq(streamWebhookEvents.webhookId, webhookId))
  },
}
