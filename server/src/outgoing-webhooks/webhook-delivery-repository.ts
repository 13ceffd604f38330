import { and, count, desc, eq, gt, isNotNull, max, min, ne, sql } from 'drizzle-orm'
import type { Database } from '../db/client.ts'
import { webhookDeliveries, webhookEndpoints } from '../db/schema.ts'
import type { WebhookEndpointRow } from './webhook-endpoint-repository.ts'

export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect
export type NewWebhookDeliveryRow = typeof webhookDeliveries.$inferInsert

/** One event for one endpoint and how its delivery went (the log in Settings); the `db` may be a transaction's. */
export const webhookDeliveryRepository = {
  async insertMany(db: Database, rows: NewWebhookDeliveryRow[]): Promise<Pick<WebhookDeliveryRow, 'id' | 'endpointId'>[]> {
    if (rows.length === 0) return []
    return db.insert(webhookDeliveries).values(rows).returning({ id: webhookDeliveries.id, endpointId: webhookDeliveries.endpointId })
  },
  async findWithEndpoint(db: Database, id: string): Promise<{ delivery: WebhookDeliveryRow; endpoint: WebhookEndpointRow } | undefined> {
    const [row] = await db
      .select({ delivery: webhookDeliveries, endpoint: webhookEndpoints })
      .from(webhookDeliveries)
      .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
      .where(eq(webhookDeliveries.id, id))
    return row
  },
  async findForEndpoint(db: Database, endpointId: string, id: string): Promise<WebhookDeliveryRow | undefined> {
    const [row] = await db
      .select()
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.endpointId, endpointId)))
    return row
  },
  /** One page of an endpoint's log, latest first. */
  async listForEndpoint(db: Database, endpointId: string, page: { limit: number; offset: number }): Promise<{ items: WebhookDeliveryRow[]; total: number }> {
    const where = eq(webhookDeliveries.endpointId, endpointId)
    const items = await db
      .select()
      .from(webhookDeliveries)
      .where(where)
      .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
      .limit(page.limit)
      .offset(page.offset)
    const [total] = await db.select({ value: count() }).from(webhookDeliveries).where(where)
    return { items, total: total?.value ?? 0 }
  },
  /** One request sent and what came of it. */
  async recordAttempt(
    db: Database,
    id: string,
    attempt: { status: WebhookDeliveryRow['status']; statusCode: number | null; error: string | null; at: Date },
  ): Promise<WebhookDeliveryRow | undefined> {
    const [row] = await db
      .update(webhookDeliveries)
      .set({
        status: attempt.status,
        attempts: sql`${webhookDeliveries.attempts} + 1`,
        lastStatusCode: attempt.statusCode,
        lastError: attempt.error,
        lastAttemptAt: attempt.at,
        ...(attempt.status === 'succeeded' ? { deliveredAt: attempt.at } : {}),
      })
      .where(eq(webhookDeliveries.id, id))
      .returning()
    return row
  },
  /** Settled without a request (the endpoint was turned off meanwhile): the attempts stay as they were. */
  async markNotSent(db: Database, id: string, reason: string): Promise<void> {
    await db.update(webhookDeliveries).set({ status: 'failed', lastError: reason }).where(eq(webhookDeliveries.id, id))
  },
  /** Queued again (a resend): pending until its next attempt. */
  async markPending(db: Database, id: string): Promise<WebhookDeliveryRow | undefined> {
    const [row] = await db.update(webhookDeliveries).set({ status: 'pending' }).where(eq(webhookDeliveries.id, id)).returning()
    return row
  },
  /**
   * When the endpoint's current run of failures began: the oldest delivery made since its last successful one
   * (or ever, when none succeeded) that has been tried and has not got through. Undefined when there is none.
   */
  async findFailingSince(db: Database, endpointId: string): Promise<Date | undefined> {
    const [lastSuccess] = await db
      .select({ at: max(webhookDeliveries.deliveredAt) })
      .from(webhookDeliveries)
      .where(and(eq(webhookDeliveries.endpointId, endpointId), isNotNull(webhookDeliveries.deliveredAt)))
    const conditions = [eq(webhookDeliveries.endpointId, endpointId), ne(webhookDeliveries.status, 'succeeded'), gt(webhookDeliveries.attempts, 0)]
    if (lastSuccess?.at) conditions.push(gt(webhookDeliveries.createdAt, lastSuccess.at))
    const [oldest] = await db
      .select({ at: min(webhookDeliveries.createdAt) })
      .from(webhookDeliveries)
      .where(and(...conditions))
    return oldest?.at ?? undefined
  },
}
