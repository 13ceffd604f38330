import { and, eq, sql } from 'drizzle-orm'
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
  /** The Stream user ids Stream saw join the call (`call.session_participant_joined`), one row per join. */
  async listJoinedUserIds(db: Database, callCid: string): Promise<string[]> {
    const joined = await db
      .select({ userId: sql<string>`${streamWebhookEvents.payload} -> 'participant' -> 'user' ->> 'id'` })
      .from(streamWebhookEvents)
      .where(and(eq(streamWebhookEvents.callCid, callCid), eq(streamWebhookEvents.type, 'call.session_participant_joined')))
    return joined.map((row) => row.userId)
  },
  /** The URL of the call's latest recording (`call.recording_ready`), if any. */
  async findLatestRecordingUrl(db: Database, callCid: string): Promise<string | null> {
    const [recording] = await db
      .select({ url: sql<string | null>`${streamWebhookEvents.payload} -> 'call_recording' ->> 'url'` })
      .from(streamWebhookEvents)
      .where(and(eq(streamWebhookEvents.callCid, callCid), eq(streamWebhookEvents.type, 'call.recording_ready')))
      .orderBy(sql`${streamWebhookEvents.receivedAt} desc`)
      .limit(1)
    return recording?.url ?? null
  },
}
