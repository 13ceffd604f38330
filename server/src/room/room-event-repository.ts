import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm'
import type { Database } from '../db/client.ts'
import { roomEvents } from '../db/schema.ts'

export type RoomEventRow = typeof roomEvents.$inferSelect

/**
 * Who receives a room event: everyone in the room, its moderators only, or its moderators and one registrant
 * (something that concerns that attendee alone, such as being muted). Moderators receive every event.
 */
export type RoomAudience = 'everyone' | 'moderators' | { registrationId: string }

/** The room's event log (`room_events`) and its NOTIFY; the `db` may be a transaction's. */
export const roomEventRepository = {
  async insert(db: Database, event: { webinarId: string; type: string; payload: unknown; audience?: RoomAudience }): Promise<number> {
    const [row] = await db
      .insert(roomEvents)
      .values({ webinarId: event.webinarId, type: event.type, payload: event.payload, audience: event.audience === 'everyone' ? null : event.audience })
      .returning({ id: roomEvents.id })
    return row!.id
  },
  /** NOTIFY on `channel`; inside a transaction it fires on commit. */
  async notify(db: Database, channel: string, payload: string): Promise<void> {
    await db.execute(sql`select pg_notify(${channel}, ${payload})`)
  },
  async findById(db: Database, id: number): Promise<RoomEventRow | undefined> {
    const [row] = await db.select().from(roomEvents).where(eq(roomEvents.id, id))
    return row
  },
  /** These events, oldest first (ids that do not exist are skipped). */
  async findByIds(db: Database, ids: number[]): Promise<RoomEventRow[]> {
    if (ids.length === 0) return []
    return db.select().from(roomEvents).where(inArray(roomEvents.id, ids)).orderBy(asc(roomEvents.id))
  },
  /** The webinar's events after `lastEventId`, oldest first. */
  async listSince(db: Database, webinarId: string, lastEventId: number, limit: number): Promise<RoomEventRow[]> {
    return db
      .select()
      .from(roomEvents)
      .where(and(eq(roomEvents.webinarId, webinarId), gt(roomEvents.id, lastEventId)))
      .orderBy(asc(roomEvents.id))
      .limit(limit)
  },
  /** The id of the latest event of any webinar; 0 when there is none. */
  async findLatestIdOfAll(db: Database): Promise<number> {
    const [row] = await db.select({ id: sql<number>`coalesce(max(${roomEvents.id}), 0)::bigint` }).from(roomEvents)
    return Number(row?.id ?? 0)
  },
  /** The id of the webinar's latest event; 0 when it has none. */
  async findLatestId(db: Database, webinarId: string): Promise<number> {
    const [row] = await db
      .select({ id: sql<number>`coalesce(max(${roomEvents.id}), 0)::bigint` })
      .from(roomEvents)
      .where(eq(roomEvents.webinarId, webinarId))
    return Number(row?.id ?? 0)
  },
}
