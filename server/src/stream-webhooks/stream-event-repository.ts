import { eq } from 'drizzle-orm'
import type { Database } from '../db/client.ts'
import { streamWebhookEvents } from '../db/schema.ts'

export function createStreamEventRepository(db: Database) {
  return {
    /** Stores the event unless this webhook id was seen before; true when it is new. */
    async recordIfNew(event: { webhookId: string; type: string; callCid: string | null; payload: unknown }): Promise<boolean> {
      const inserted = await db
        .insert(streamWebhookEvents)
        .values(event)
        .onConflictDoNothing({ target: streamWebhookEvents.webhookId })
        .returning({ webhookId: streamWebhookEvents.webhookId })
      return inserted.length > 0
    },
    async markProcessed(webhookId: string, at: Date): Promise<void> {
      await db.update(streamWebhookEvents).set({ processedAt: at }).where(eq(streamWebhookEvents.webhookId, webhookId))
    },
  }
}

export type StreamEventRepository = ReturnType<typeof createStreamEventRepository>
