import { and, count, desc, eq, gt, sql } from 'drizzle-orm'
import type { Database } from '../db/client.ts'
import { webhookEndpoints } from '../db/schema.ts'

export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect
export type NewWebhookEndpointRow = typeof webhookEndpoints.$inferInsert

/** Integrators' receivers of outgoing webhooks; the `db` may be a transaction's. */
export const webhookEndpointRepository = {
  async insert(db: Database, row: NewWebhookEndpointRow): Promise<WebhookEndpointRow> {
    const [inserted] = await db.insert(webhookEndpoints).values(row).returning()
    return inserted!
  },
  async count(db: Database): Promise<number> {
    const [row] = await db.select({ value: count() }).from(webhookEndpoints)
    return row?.value ?? 0
  },
  async list(db: Database): Promise<WebhookEndpointRow[]> {
    return db.select().from(webhookEndpoints).orderBy(desc(webhookEndpoints.createdAt), desc(webhookEndpoints.id))
  },
  async findById(db: Database, id: string): Promise<WebhookEndpointRow | undefined> {
    const [row] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id))
    return row
  },
  async update(db: Database, id: string, changes: Partial<NewWebhookEndpointRow>): Promise<WebhookEndpointRow | undefined> {
    const [row] = await db.update(webhookEndpoints).set(changes).where(eq(webhookEndpoints.id, id)).returning()
    return row
  },
  /** Its deliveries go with it (on delete cascade); their pending jobs then find nothing to do. */
  async delete(db: Database, id: string): Promise<boolean> {
    const deleted = await db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id)).returning({ id: webhookEndpoints.id })
    return deleted.length > 0
  },
  /** The enabled endpoints that receive this event type (an empty list of types means every type). */
  async listSubscribed(db: Database, eventType: string): Promise<Pick<WebhookEndpointRow, 'id'>[]> {
    return db
      .select({ id: webhookEndpoints.id })
      .from(webhookEndpoints)
      .where(
        and(
          eq(webhookEndpoints.isEnabled, true),
          sql`(cardinality(${webhookEndpoints.eventTypes}) = 0 or ${eventType} = any(${webhookEndpoints.eventTypes}))`,
        ),
      )
  },
  /** A delivery got through: the run of failures, if any, is over. */
  async resetFailures(db: Database, id: string): Promise<void> {
    await db.update(webhookEndpoints).set({ consecutiveFailures: 0 }).where(and(eq(webhookEndpoints.id, id), gt(webhookEndpoints.consecutiveFailures, 0)))
  },
  /** One more failed attempt in a row; the new count (undefined when the endpoint is gone). */
  async countFailure(db: Database, id: string): Promise<number | undefined> {
    const [row] = await db
      .update(webhookEndpoints)
      .set({ consecutiveFailures: sql`${webhookEndpoints.consecutiveFailures} + 1` })
      .where(eq(webhookEndpoints.id, id))
      .returning({ consecutiveFailures: webhookEndpoints.consecutiveFailures })
    return row?.consecutiveFailures
  },
  /** Turns an enabled endpoint off, saying why; false when it was off already. */
  async disable(db: Database, id: string, reason: string, now: Date): Promise<boolean> {
    const disabled = await db
      .update(webhookEndpoints)
      .set({ isEnabled: false, disabledReason: reason, updatedAt: now })
      .where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.isEnabled, true)))
      .returning({ id: webhookEndpoints.id })
    return disabled.length > 0
  },
}
