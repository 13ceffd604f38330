import { defaultAttendedThresholdSeconds, defaultWebinarSettings } from '@webinar/shared/webinars'
import {
  maxSeriesOccurrences,
  type CreateSeriesBody,
  type PublicSeries,
  type RegisterForSeriesBody,
  type Series,
  type SeriesList,
  type SeriesListQuery,
  type SeriesRegistrationReceipt,
  type UpdateFollowingBody,
} from '@webinar/shared/series'
import { isKnownTimezone } from '@webinar/shared/timezones'
import type { Role } from '@webinar/shared/users'
import type pg from 'pg'
import type { Clock } from '../clock.ts'
import type { Database } from '../db/client.ts'
import { runInTransaction, type Transaction } from '../db/transaction.ts'
import { emailMessageRepository } from '../email/email-message-repository.ts'
import type { Outbox } from '../email/outbox.ts'
import { AppError, conflict, forbidden, notFound } from '../errors.ts'
import { queueNames, type JobQueue } from '../jobs/job-queue.ts'
import { registrationRepository } from '../registrations/registration-repository.ts'
import type { RegistrationService } from '../registrations/registration-service.ts'
import { closedReason, mailForStatus, seatsLeft } from '../registrations/registration-rules.ts'
import type { Staff } from '../users/staff.ts'
import { checkRegistrationForm, registrationFormOrDefault } from '../webinars/registration-form-rules.ts'
import { endOf } from '../webinars/schedule-rules.ts'
import { slugFromTitle, slugWithSuffix } from '../webinars/slug.ts'
import type { StatusEffects } from '../webinars/status-effects.ts'
import { webinarRepository, type WebinarRecord } from '../webinars/webinar-repository.ts'
import type { WebinarService } from '../webinars/webinar-service.ts'
import { buildRule, instantOf, localDatesOf, RecurrenceError, recurrenceOf, ruleFromLine, ruleLine, ruleText } from './recurrence.ts'
import { seriesRepository, type SeriesRow } from './series-repository.ts'

/** Occurrences exist this far ahead; the hourly top-up creates the next ones as the horizon moves. */
export const seriesHorizonDays = 180
const day = 24 * 3600_000
const seriesMailsPerHour = 3

export interface SeriesServiceDependencies {
  db: Database
  pool: pg.Pool
  clock: Clock
  jobs: JobQueue
  outbox: Outbox
  webinars: WebinarService
  /** Registering someone for an occurrence is the registrations domain's own rule (capacity, approval, waitlist). */
  registrations: Pick<RegistrationService, 'registerInTransaction'>
  statusEffects: Pick<StatusEffects, 'cancelled'>
}

const managerRoles: Role[] = ['owner', 'admin']
const isManager = (staff: Staff) => managerRoles.includes(staff.user.role)

function invalid(field: string, message: string): AppError {
  return new AppError('validation_failed', message, { [field]: message })
}

/** A rule's problem as a 400 naming the field. */
function asValidation<T>(work: () => T): T {
  try {
    return work()
  } catch (error) {
    if (error instanceof RecurrenceError) throw invalid(error.field, error.message)
    throw error
  }
}

/** Every local date of the rule with its instant, checked: at least one, at most 100, none in a skipped hour. */
function scheduleOf(rule: ReturnType<typeof buildRule>, localTime: string, timezone: string) {
  const dates = localDatesOf(rule)
  if (dates.length === 0) throw invalid('recurrence', 'This rule yields no occurrence: check its weekdays and its last date.')
  if (dates.length > maxSeriesOccurrences) {
    throw invalid('recurrence', `This rule yields more than ${maxSeriesOccurrences} occurrences; end it sooner (a count or a last date).`)
  }
  return dates.map((date) => ({ date, startTime: asValidation(() => instantOf(date, localTime, timezone)) }))
}

export function createSeriesService(deps: SeriesServiceDependencies) {
  const { db, pool, clock, jobs, outbox, webinars } = deps

  async function loadForStaff(staff: Staff, id: string): Promise<{ series: SeriesRow; hostName: string }> {
    const found = await seriesRepository.findById(db, id)
    if (!found) throw notFound('Series')
    if (!isManager(staff) && found.series.hostId !== staff.user.id) throw forbidden('Only the series’ host or an admin can do this.')
    return found
  }

  /** The series as the API shows it; `loaded` saves the read when the caller has just read it unchanged. */
  async function view(id: string, loaded?: { series: SeriesRow; hostName: string }): Promise<Series> {
    const found = loaded ?? (await seriesRepository.findById(db, id))
    if (!found) throw notFound('Series')
    const { series, hostName } = found
    const occurrences = await seriesRepository.listOccurrences(db, id)
    const made = new Set(occurrences.map((occurrence) => occurrence.date))
    const laterDates = series.status === 'active' ? localDatesOf(ruleFromLine(series.rrule, series.firstDate)).filter((date) => !made.has(date)) : []
    return {
      id: series.id,
      slug: series.slug,
      title: series.title,
      description: series.description,
      timezone: series.timezone,
      firstDate: series.firstDate,
      localTime: series.localTime,
      durationMinutes: series.durationMinutes,
      rrule: ruleText(ruleFromLine(series.rrule, series.firstDate), series.firstDate, series.localTime),
      recurrence: recurrenceOf(series.rrule),
      status: series.status,
      host: { id: series.hostId, name: hostName },
      occurrences: occurrences.map((occurrence) => ({ ...occurrence, startTime: occurrence.startTime.toISOString() })),
      laterDates,
      cancelledAt: series.cancelledAt?.toISOString() ?? null,
      createdAt: series.createdAt.toISOString(),
    }
  }

  /**
   * Creates the occurrences the rule yields from now up to the horizon that have no webinar yet, under the series'
   * row lock (so two top-ups never make one date twice; the unique (series, date) index says so too).
   */
  async function topUpInTransaction(transaction: Transaction, seriesId: string): Promise<string[]> {
    const series = await seriesRepository.lockById(transaction.db, seriesId)
    if (!series || series.status !== 'active') return []
    const now = clock.now().getTime()
    const existing = await seriesRepository.occurrenceDates(transaction.db, seriesId)
    const created: string[] = []
    for (const date of localDatesOf(ruleFromLine(series.rrule, series.firstDate))) {
      if (existing.has(date)) continue
      let startTime: Date
      try {
        startTime = instantOf(date, series.localTime, series.timezone)
      } catch {
        // A later time of day ("this and following") can fall in a skipped hour on a date checked with the old one:
        // that date is left out rather than moved to an instant nobody chose.
        continue
      }
      if (startTime.getTime() <= now || startTime.getTime() > now + seriesHorizonDays * day) continue
      const { defaults } = series
      const id = await webinars.insertOccurrence(transaction, {
        hostId: series.hostId,
        title: series.title,
        description: series.description,
        timezone: series.timezone,
        startTime,
        durationMinutes: series.durationMinutes,
        capacity: defaults.capacity,
        registrationDeadline: null,
        approvalMode: defaults.approvalMode,
        settings: defaults.settings,
        attendedThresholdSeconds: defaults.attendedThresholdSeconds,
        formFields: defaults.registrationForm.fields,
        seriesId,
        seriesDate: date,
        slug: `${series.slug}-${date}`,
      })
      created.push(id)
    }
    return created
  }

  async function syncCalls(webinarIds: string[]): Promise<void> {
    for (const id of webinarIds) await webinars.syncCallNow(id)
  }

  /** The upcoming occurrences of a series the public can register for, as its page lists them. */
  async function openOccurrences(seriesId: string) {
    const now = clock.now()
    const occurrences = await seriesRepository.listOccurrences(db, seriesId)
    const upcoming = occurrences.filter((occurrence) => occurrence.status === 'scheduled' && occurrence.startTime.getTime() > now.getTime())
    return webinarRepository.findManyById(
      db,
      upcoming.map((occurrence) => occurrence.webinarId),
    )
  }

  return {
    async create(staff: Staff, body: CreateSeriesBody): Promise<Series> {
      if (!isKnownTimezone(body.timezone)) throw invalid('timezone', 'Choose an IANA timezone such as Europe/Berlin.')
      const rule = asValidation(() => buildRule(body.recurrence, body.firstDate))
      const schedule = scheduleOf(rule, body.localTime, body.timezone)
      if (schedule[0]!.startTime.getTime() <= clock.now().getTime()) throw invalid('firstDate', 'The first occurrence must be in the future.')
      const form = registrationFormOrDefault(body.registrationForm)
      const formProblems = checkRegistrationForm(form)
      if (Object.keys(formProblems).length > 0) {
        const [key, message] = Object.entries(formProblems)[0]!
        throw new AppError('validation_failed', `${key} ${message}.`, formProblems)
      }
      const hostId = await webinars.resolveHostId(staff, body.hostId)
      const baseSlug = slugFromTitle(body.title)
      const { id, created } = await runInTransaction(pool, async (transaction) => {
        const row = {
          hostId,
          title: body.title.trim(),
          description: body.description ?? '',
          timezone: body.timezone,
          rrule: ruleLine(rule),
          firstDate: body.firstDate,
          localTime: body.localTime,
          durationMinutes: body.durationMinutes,
          defaults: {
            capacity: body.capacity ?? null,
            approvalMode: body.approvalMode ?? 'auto',
            settings: { ...defaultWebinarSettings, ...body.settings },
            registrationForm: { fields: form.fields },
            attendedThresholdSeconds: body.attendedThresholdSeconds ?? defaultAttendedThresholdSeconds,
          },
        }
        let inserted = await seriesRepository.insertIfSlugFree(transaction.db, { ...row, slug: baseSlug })
        for (let attempt = 0; !inserted && attempt < 5; attempt++) {
          inserted = await seriesRepository.insertIfSlugFree(transaction.db, { ...row, slug: slugWithSuffix(baseSlug) })
        }
        if (!inserted) throw conflict('Could not find a free address for this series; try another title.')
        return { id: inserted.id, created: await topUpInTransaction(transaction, inserted.id) }
      })
      await syncCalls(created)
      return view(id)
    },

    async get(staff: Staff, id: string): Promise<Series> {
      return view(id, await loadForStaff(staff, id))
    },

    async list(staff: Staff, query: SeriesListQuery): Promise<SeriesList> {
      const limit = query.limit ?? 20
      const offset = query.offset ?? 0
      const { items, total } = await seriesRepository.list(db, { hostId: isManager(staff) ? undefined : staff.user.id, now: clock.now(), limit, offset })
      return {
        items: items.map(({ series, nextStartTime, upcomingOccurrences }) => ({
          id: series.id,
          slug: series.slug,
          title: series.title,
          timezone: series.timezone,
          localTime: series.localTime,
          status: series.status,
          nextStartTime: nextStartTime ? new Date(nextStartTime).toISOString() : null,
          upcomingOccurrences,
        })),
        total,
        limit,
        offset,
      }
    },

    /**
     * "This and following": the change applies to the occurrence `fromWebinarId` and every later one not yet live,
     * and to the series itself (the occurrences made later). A new time of day is checked on every date first, so
     * a skipped hour on one of them refuses the whole change instead of applying part of it.
     */
    async updateFollowing(staff: Staff, id: string, body: UpdateFollowingBody): Promise<Series> {
      const { series } = await loadForStaff(staff, id)
      if (series.status !== 'active') throw conflict('This series is cancelled.')
      const occurrences = await seriesRepository.listOccurrences(db, id)
      const from = occurrences.find((occurrence) => occurrence.webinarId === body.fromWebinarId)
      if (!from) throw invalid('fromWebinarId', 'fromWebinarId is not an occurrence of this series.')
      if (from.status !== 'scheduled') throw conflict(`That occurrence is ${from.status}; choose one that has not started.`)
      const following = occurrences.filter((occurrence) => occurrence.date >= from.date && occurrence.status === 'scheduled')
      const localTime = body.localTime ?? series.localTime
      const startTimes = new Map(following.map((occurrence) => [occurrence.webinarId, asValidation(() => instantOf(occurrence.date, localTime, series.timezone))]))
      const now = clock.now().getTime()
      for (const occurrence of following) {
        if (body.localTime !== undefined && startTimes.get(occurrence.webinarId)!.getTime() <= now) {
          throw invalid('localTime', `At ${body.localTime} the occurrence of ${occurrence.date} would already have started.`)
        }
      }
      for (const occurrence of following) {
        await webinars.update(staff, occurrence.webinarId, {
          ...(body.title !== undefined ? { title: body.title } : {}),
          ...(body.description !== undefined ? { description: body.description } : {}),
          ...(body.durationMinutes !== undefined ? { durationMinutes: body.durationMinutes } : {}),
          ...(body.capacity !== undefined ? { capacity: body.capacity } : {}),
          ...(body.localTime !== undefined ? { startTime: startTimes.get(occurrence.webinarId)!.toISOString() } : {}),
        })
      }
      await runInTransaction(pool, async (transaction) => {
        await seriesRepository.lockById(transaction.db, id)
        await seriesRepository.update(
          transaction.db,
          id,
          {
            ...(body.title !== undefined ? { title: body.title.trim() } : {}),
            ...(body.description !== undefined ? { description: body.description } : {}),
            ...(body.durationMinutes !== undefined ? { durationMinutes: body.durationMinutes } : {}),
            ...(body.localTime !== undefined ? { localTime: body.localTime } : {}),
            ...(body.capacity !== undefined ? { defaults: { ...series.defaults, capacity: body.capacity } } : {}),
          },
          clock.now(),
        )
      })
      return view(id)
    },

    /**
     * Cancels the series and every occurrence that has not started; one mail per person registered for any of
     * them (a fan-out job), listing the sessions that will not take place.
     */
    async cancel(staff: Staff, id: string): Promise<Series> {
      const { series } = await loadForStaff(staff, id)
      if (series.status === 'cancelled') return view(id)
      const cancelled = await runInTransaction(pool, async (transaction) => {
        await seriesRepository.lockById(transaction.db, id)
        const now = clock.now()
        await seriesRepository.update(transaction.db, id, { status: 'cancelled', cancelledAt: now }, now)
        const occurrences = await seriesRepository.listOccurrences(transaction.db, id)
        const ids: string[] = []
        for (const occurrence of occurrences.filter((candidate) => candidate.status === 'scheduled')) {
          await webinarRepository.update(transaction.db, occurrence.webinarId, { status: 'cancelled', cancelledAt: now }, true)
          await jobs.sendInTransaction(transaction, queueNames.syncStreamCall, { webinarId: occurrence.webinarId })
          ids.push(occurrence.webinarId)
        }
        await jobs.sendInTransaction(transaction, queueNames.announceSeriesCancellation, { seriesId: id, webinarIds: ids })
        return ids
      })
      for (const webinarId of cancelled) {
        await webinars.syncCallNow(webinarId)
        await deps.statusEffects.cancelled(webinarId)
      }
      return view(id)
    },

    /**
     * The fan-out of a series' cancellation: one mail per address registered (and not cancelled or declined) for
     * any of the cancelled occurrences. The dedupe key makes a retried job send nobody a second one.
     */
    async announceCancellation(seriesId: string, webinarIds: string[]): Promise<void> {
      const found = await seriesRepository.findById(db, seriesId)
      if (!found || webinarIds.length === 0) return
      const records = new Map((await webinarRepository.findManyById(db, webinarIds)).map((record) => [record.webinar.id, record]))
      const byPerson = new Map<string, { registration: Awaited<ReturnType<typeof registrationRepository.listForWebinars>>[number]; webinar: WebinarRecord['webinar'] }[]>()
      for (const registration of await registrationRepository.listForWebinars(db, webinarIds, ['approved', 'pending', 'waitlisted'])) {
        const record = records.get(registration.webinarId)
        if (!record) continue
        const key = registration.email.toLowerCase()
        byPerson.set(key, [...(byPerson.get(key) ?? []), { registration, webinar: record.webinar }])
      }
      for (const registrationsOfPerson of byPerson.values()) {
        registrationsOfPerson.sort((a, b) => a.webinar.startTime.getTime() - b.webinar.startTime.getTime())
        await runInTransaction(pool, (transaction) =>
          outbox.enqueueSeriesMail(transaction, {
            kind: 'series_cancelled',
            registrations: registrationsOfPerson,
            series: { ...found.series, hostName: found.hostName },
            dedupeKey: `series_cancelled:${seriesId}`,
          }),
        )
      }
    },

    /** The hourly job: every active series gets the occurrences that came within the horizon. */
    async topUpAll(): Promise<number> {
      let count = 0
      for (const id of await seriesRepository.listActiveIds(db)) {
        const created = await runInTransaction(pool, (transaction) => topUpInTransaction(transaction, id))
        await syncCalls(created)
        count += created.length
      }
      return count
    },

    async getPublic(slug: string): Promise<PublicSeries> {
      const found = await seriesRepository.findBySlug(db, slug)
      if (!found) throw notFound('Series')
      const { series, hostName } = found
      const now = clock.now()
      const occurrences: PublicSeries['occurrences'] = []
      for (const { webinar } of await openOccurrences(series.id)) {
        const left = seatsLeft(webinar, await registrationRepository.countApproved(db, webinar.id))
        occurrences.push({
          webinarId: webinar.id,
          slug: webinar.slug,
          title: webinar.title,
          startTime: webinar.startTime.toISOString(),
          endTime: endOf(webinar.startTime, webinar.durationMinutes).toISOString(),
          isOpen: closedReason(webinar, now) === null,
          willWaitlist: webinar.approvalMode === 'auto' && left === 0,
        })
      }
      return {
        slug: series.slug,
        title: series.title,
        description: series.description,
        hostName,
        timezone: series.timezone,
        durationMinutes: series.durationMinutes,
        registrationForm: series.defaults.registrationForm,
        occurrences,
      }
    },

    /**
     * Registers one person for one occurrence (its usual mail) or for every upcoming open one, in one transaction
     * (the occurrences locked in date order, as every registration locks its webinar): one mail then carries every
     * approved occurrence's own link; a pending or waitlisted one gets its usual mail, which says where it stands.
     */
    async registerPublicly(slug: string, body: RegisterForSeriesBody): Promise<SeriesRegistrationReceipt> {
      const found = await seriesRepository.findBySlug(db, slug)
      if (!found) throw notFound('Series')
      const { series, hostName } = found
      const now = clock.now()
      const open = (await openOccurrences(series.id)).filter(({ webinar }) => closedReason(webinar, now) === null)
      const chosen = body.occurrence === 'all' ? open : open.filter(({ webinar }) => webinar.id === body.occurrence)
      if (chosen.length === 0) {
        throw body.occurrence === 'all' ? conflict('No upcoming session of this series is open for registration.') : notFound('Session')
      }
      const person = { name: body.name, email: body.email, answers: body.answers, timezone: body.timezone }
      const outcomes = await runInTransaction(pool, async (transaction) => {
        const results = []
        for (const record of chosen) {
          const outcome = await deps.registrations.registerInTransaction(transaction, record, person, { source: 'public', isMailed: chosen.length === 1 })
          results.push({ ...outcome, webinar: record.webinar })
        }
        if (chosen.length === 1) return results
        const approved = results.filter((result) => result.registration.status === 'approved')
        for (const result of results) {
          const { registration } = result
          if (result.wasAlreadyRegistered || registration.status === 'approved') continue
          if (registration.status === 'pending' || registration.status === 'waitlisted') {
            await outbox.enqueue(transaction, { registration, webinar: result.webinar, hostName, kind: mailForStatus[registration.status] })
          }
        }
        const [anchor] = approved
        if (anchor) {
          // Registering again is how people find lost links: the mail goes again, a few times an hour at most.
          const recent = await emailMessageRepository.countSince(transaction.db, anchor.registration.id, 'series_registered', new Date(now.getTime() - 3600_000))
          if (recent < seriesMailsPerHour) {
            await outbox.enqueueSeriesMail(transaction, {
              kind: 'series_registered',
              registrations: approved.map(({ registration, webinar }) => ({ registration, webinar })),
              series: { ...series, hostName },
              dedupeKey: `series_registered@${now.toISOString()}#${recent + 1}`,
            })
          }
        }
        return results
      })
      return {
        email: body.email.trim(),
        occurrences: outcomes.map(({ receipt, webinar }) => ({ webinarId: webinar.id, startTime: webinar.startTime.toISOString(), status: receipt.status })),
      }
    },
  }
}

export type SeriesService = ReturnType<typeof createSeriesService>
