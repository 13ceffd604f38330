import { and, asc, desc, eq, inArray } from 'drizzle-orm'
import type { Database } from '../db/client.ts'
import { registrations, stageRequests } from '../db/schema.ts'

export type StageRequestRow = typeof stageRequests.$inferSelect
export type StageRequestStatus = StageRequestRow['status']

const withName = {
  id: stageRequests.id,
  webinarId: stageRequests.webinarId,
  registrationId: stageRequests.registrationId,
  status: stageRequests.status,
  requestedAt: stageRequests.requestedAt,
  decidedAt: stageRequests.decidedAt,
  decidedByName: stageRequests.decidedByName,
  name: registrations.name,
}
export type StageRequestWithName = StageRequestRow & { name: string }

export const stageRequestRepository = {
  /** A raised hand; nothing when the registrant has one open already (pending or on stage). */
  async insertIfNoneOpen(db: Database, row: { webinarId: string; registrationId: string; requestedAt: Date }): Promise<boolean> {
    const inserted = await db.insert(stageRequests).values(row).onConflictDoNothing().returning({ id: stageRequests.id })
    return inserted.length > 0
  },
  /**
   * Hands up and attendees on stage now, oldest first: the studio's queue. Someone whose registration is no longer
   * approved (cancelled, removed) is out of the call (blocked) and out of the queue.
   */
  async listOpen(db: Database, webinarId: string): Promise<StageRequestWithName[]> {
    return db
      .select(withName)
      .from(stageRequests)
      .innerJoin(registrations, eq(registrations.id, stageRequests.registrationId))
      .where(and(eq(stageRequests.webinarId, webinarId), inArray(stageRequests.status, ['pending', 'accepted']), eq(registrations.status, 'approved')))
      .orderBy(asc(stageRequests.requestedAt))
  },
  async findWithName(db: Database, webinarId: string, id: string): Promise<StageRequestWithName | undefined> {
    const [row] = await db
      .select(withName)
      .from(stageRequests)
      .innerJoin(registrations, eq(registrations.id, stageRequests.registrationId))
      .where(and(eq(stageRequests.id, id), eq(stageRequests.webinarId, webinarId)))
    return row
  },
  /** The registrant's latest request, whatever became of it. */
  async findLatestOf(db: Database, registrationId: string): Promise<StageRequestWithName | undefined> {
    const [row] = await db
      .select(withName)
      .from(stageRequests)
      .innerJoin(registrations, eq(registrations.id, stageRequests.registrationId))
      .where(eq(stageRequests.registrationId, registrationId))
      .orderBy(desc(stageRequests.requestedAt))
      .limit(1)
    return row
  },
  /** Moves a request on only from the status it is expected in: a hand lowered meanwhile is not accepted. */
  async transition(
    db: Database,
    id: string,
    from: StageRequestStatus,
    to: StageRequestStatus,
    decision: { at: Date; byName: string | null },
  ): Promise<StageRequestRow | undefined> {
    const [row] = await db
      .update(stageRequests)
      .set({ status: to, decidedAt: decision.at, ...(decision.byName !== null ? { decidedByName: decision.byName } : {}) })
      .where(and(eq(stageRequests.id, id), eq(stageRequests.status, from)))
      .returning()
    return row
  },
  /** Closes every open request of the webinar (it ended): nobody stays on a stage that is gone. */
  async closeAllOpen(db: Database, webinarId: string, at: Date): Promise<void> {
    await db
      .update(stageRequests)
      .set({ status: 'ended', decidedAt: at })
      .where(and(eq(stageRequests.webinarId, webinarId), eq(stageRequests.status, 'accepted')))
    await db
      .update(stageRequests)
      .set({ status: 'dismissed', decidedAt: at })
      .where(and(eq(stageRequests.webinarId, webinarId), eq(stageRequests.status, 'pending')))
  },
}
