import { and, count, eq, gte, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm'
import type { Database } from '../db/client.ts'
import { chatMessages, pollVotes, polls, questions, registrationAttendance, registrations, webinars } from '../db/schema.ts'

export interface RunWebinarRow {
  id: string
  title: string
  startTime: Date
  registered: number
  approved: number
  attended: number
}

/** Counts for reports, read from every domain's tables; the `db` may be a transaction's. */
export const reportRepository = {
  async countRegistrations(db: Database, webinarId: string): Promise<{ registered: number; approved: number }> {
    const [row] = await db
      .select({ registered: count(), approved: sql<number>`count(*) filter (where ${registrations.status} = 'approved')`.mapWith(Number) })
      .from(registrations)
      .where(eq(registrations.webinarId, webinarId))
    return { registered: row?.registered ?? 0, approved: row?.approved ?? 0 }
  },

  async countRoomActivity(db: Database, webinarId: string): Promise<{ chatMessages: number; questions: number; pollVotes: number }> {
    const [chat] = await db.select({ value: count() }).from(chatMessages).where(eq(chatMessages.webinarId, webinarId))
    const [asked] = await db.select({ value: count() }).from(questions).where(eq(questions.webinarId, webinarId))
    const [votes] = await db.select({ value: count() }).from(pollVotes).innerJoin(polls, eq(polls.id, pollVotes.pollId)).where(eq(polls.webinarId, webinarId))
    return { chatMessages: chat?.value ?? 0, questions: asked?.value ?? 0, pollVotes: votes?.value ?? 0 }
  },

  /**
   * Registrations per calendar day in `timezone`, oldest first. A zone PostgreSQL's own time zone database does not
   * know (the app checks zones against the JavaScript runtime's) falls back to UTC rather than failing the report.
   */
  async countRegistrationsByDay(db: Database, webinarId: string, timezone: string): Promise<{ day: string; count: number }[]> {
    const zone = sql`(case when exists (select 1 from pg_timezone_names where name = ${timezone}) then ${timezone} else 'UTC' end)`
    const day = sql<string>`to_char(${registrations.createdAt} at time zone ${zone}, 'YYYY-MM-DD')`
    return db
      .select({ day, count: count() })
      .from(registrations)
      .where(eq(registrations.webinarId, webinarId))
      // By position: the expression carries bind parameters, which PostgreSQL would not match between the select and the group.
      .groupBy(sql`1`)
      .orderBy(sql`1`)
  },

  /** Webinars that went live within [since, until] (the host's only, when given), with their counts, most attended first. */
  async listRunWebinars(db: Database, filter: { since: Date; until: Date; hostId?: string }): Promise<RunWebinarRow[]> {
    const conditions: SQL[] = [isNull(webinars.deletedAt), gte(webinars.liveStartedAt, filter.since), lte(webinars.liveStartedAt, filter.until)]
    if (filter.hostId) conditions.push(eq(webinars.hostId, filter.hostId))
    const run = await db.select({ id: webinars.id, title: webinars.title, startTime: webinars.startTime }).from(webinars).where(and(...conditions))
    if (run.length === 0) return []
    const ids = run.map((webinar) => webinar.id)
    const registered = await db
      .select({
        webinarId: registrations.webinarId,
        registered: count(),
        approved: sql<number>`count(*) filter (where ${registrations.status} = 'approved')`.mapWith(Number),
      })
      .from(registrations)
      .where(inArray(registrations.webinarId, ids))
      .groupBy(registrations.webinarId)
    const attended = await db
      .select({ webinarId: registrationAttendance.webinarId, attended: count() })
      .from(registrationAttendance)
      .where(and(inArray(registrationAttendance.webinarId, ids), eq(registrationAttendance.attended, true)))
      .groupBy(registrationAttendance.webinarId)
    const registeredOf = new Map(registered.map((row) => [row.webinarId, row]))
    const attendedOf = new Map(attended.map((row) => [row.webinarId, row.attended]))
    return run
      .map((webinar) => ({
        ...webinar,
        registered: registeredOf.get(webinar.id)?.registered ?? 0,
        approved: registeredOf.get(webinar.id)?.approved ?? 0,
        attended: attendedOf.get(webinar.id) ?? 0,
      }))
      .sort((a, b) => b.attended - a.attended || b.registered - a.registered || b.startTime.getTime() - a.startTime.getTime() || a.id.localeCompare(b.id))
  },
}
