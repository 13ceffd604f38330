import { and, asc, count, desc, eq, isNull, sql } from 'drizzle-orm'
import type { Database } from '../db/client.ts'
import { registrations, users, webinarSeries, webinars } from '../db/schema.ts'

export type SeriesRow = typeof webinarSeries.$inferSelect
export type NewSeriesRow = typeof webinarSeries.$inferInsert

export interface OccurrenceRow {
  webinarId: string
  slug: string
  date: string
  startTime: Date
  durationMinutes: number
  title: string
  status: (typeof webinars.$inferSelect)['status']
  registrations: number
}

const isPresent = isNull(webinars.deletedAt)

/** Series and their occurrences (webinars with a series id); the `db` may be a transaction's. */
export const seriesRepository = {
  /** Inserts unless the slug is taken (returns undefined then): ON CONFLICT keeps the transaction usable. */
  async insertIfSlugFree(db: Database, row: NewSeriesRow): Promise<SeriesRow | undefined> {
    const [inserted] = await db.insert(webinarSeries).values(row).onConflictDoNothing({ target: webinarSeries.slug }).returning()
    return inserted
  },

  async findById(db: Database, id: string): Promise<{ series: SeriesRow; hostName: string } | undefined> {
    const [row] = await db
      .select({ series: webinarSeries, hostName: users.name })
      .from(webinarSeries)
      .innerJoin(users, eq(users.id, webinarSeries.hostId))
      .where(eq(webinarSeries.id, id))
    return row
  },

  async findBySlug(db: Database, slug: string): Promise<{ series: SeriesRow; hostName: string } | undefined> {
    const [row] = await db
      .select({ series: webinarSeries, hostName: users.name })
      .from(webinarSeries)
      .innerJoin(users, eq(users.id, webinarSeries.hostId))
      .where(eq(webinarSeries.slug, slug))
    return row
  },

  /** The series row, locked: topping up and "this and following" take turns on one series. */
  async lockById(db: Database, id: string): Promise<SeriesRow | undefined> {
    const [row] = await db.select().from(webinarSeries).where(eq(webinarSeries.id, id)).for('update')
    return row
  },

  async update(db: Database, id: string, changes: Partial<NewSeriesRow>, now: Date): Promise<void> {
    await db
      .update(webinarSeries)
      .set({ ...changes, updatedAt: now })
      .where(eq(webinarSeries.id, id))
  },

  /** Every occurrence, in date order, with how many registrations hold or wait for a seat. */
  async listOccurrences(db: Database, seriesId: string): Promise<OccurrenceRow[]> {
    const rows = await db
      .select({
        webinarId: webinars.id,
        slug: webinars.slug,
        date: webinars.seriesDate,
        startTime: webinars.startTime,
        durationMinutes: webinars.durationMinutes,
        title: webinars.title,
        status: webinars.status,
        // Qualified by hand: drizzle writes a column unqualified here, and inside the subquery "id" would be the registration's.
        registrations: sql<number>`(select count(*)::int from ${registrations} r where r.webinar_id = "webinars"."id" and r.status in ('approved', 'pending', 'waitlisted'))`,
      })
      .from(webinars)
      .where(and(eq(webinars.seriesId, seriesId), isPresent))
      .orderBy(asc(webinars.seriesDate))
    return rows.map((row) => ({ ...row, date: row.date ?? '' }))
  },

  /** The local dates that already have an occurrence (deleted ones included: a date is never made twice). */
  async occurrenceDates(db: Database, seriesId: string): Promise<Set<string>> {
    const rows = await db.select({ date: webinars.seriesDate }).from(webinars).where(eq(webinars.seriesId, seriesId))
    return new Set(rows.map((row) => row.date ?? ''))
  },

  async list(db: Database, filter: { hostId?: string; now: Date; limit: number; offset: number }) {
    const where = filter.hostId ? eq(webinarSeries.hostId, filter.hostId) : undefined
    // The subqueries name their table `w` and the outer series by its table name: unqualified, "id" would be ambiguous.
    const upcoming = sql`w.series_id = "webinar_series"."id" and w.deleted_at is null and w.status = 'scheduled' and w.start_time > ${filter.now.toISOString()}`
    const items = await db
      .select({
        series: webinarSeries,
        nextStartTime: sql<string | null>`(select min(w.start_time) from ${webinars} w where ${upcoming})`,
        upcomingOccurrences: sql<number>`(select count(*)::int from ${webinars} w where ${upcoming})`,
      })
      .from(webinarSeries)
      .where(where)
      .orderBy(desc(webinarSeries.createdAt), asc(webinarSeries.id))
      .limit(filter.limit)
      .offset(filter.offset)
    const [total] = await db.select({ value: count() }).from(webinarSeries).where(where)
    return { items, total: total?.value ?? 0 }
  },

  /** Active series, for the job that creates occurrences as the horizon moves. */
  async listActiveIds(db: Database): Promise<string[]> {
    const rows = await db.select({ id: webinarSeries.id }).from(webinarSeries).where(eq(webinarSeries.status, 'active'))
    return rows.map((row) => row.id)
  },
}
