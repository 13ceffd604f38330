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
  /**
   * Records the event and NOTIFYs `channel` of it (on commit, inside a transaction), in one round trip. The NOTIFY
   * carries the event whole, as JSON with the row's fields (its `createdAt` an ISO string), when that fits in
   * `maxNotifyBytes`; else only its id.
   */
  async insertAndNotify(
    db: Database,
    channel: string,
    maxNotifyBytes: number,
    event: { webinarId: string; type: string; payload: unknown; audience?: RoomAudience },
  ): Promise<RoomEventRow> {
    const audience = event.audience === undefined || event.audience === 'everyone' ? null : JSON.stringify(event.audience)
    const { rows } = await db.execute<{ id: string; webinar_id: string; type: string; payload: unknown; audience: RoomEventRow['audience']; created_at: Date }>(sql`
      with inserted as (
        insert into room_events (webinar_id, type, payload, audience)
        values (${event.webinarId}, ${event.type}, ${JSON.stringify(event.payload)}::jsonb, ${audience}::jsonb)
        returning id, webinar_id, type, payload, audience, created_at
      ), whole as (
        select inserted.*, json_build_object('id', id, 'webinarId', webinar_id, 'type', type, 'payload', payload, 'audience', audience, 'createdAt', created_at)::text as message
          from inserted
      )
      select id, webinar_id, type, payload, audience, created_at,
             pg_notify(${channel}, case when octet_length(message) <= ${maxNotifyBytes} then message else id::text end)
        from whole`)
    const row = rows[0]!
    return { id: Number(row.id), webinarId: row.webinar_id, type: row.type, payload: row.payload, audience: row.audience, createdAt: new Date(row.created_at) }
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
