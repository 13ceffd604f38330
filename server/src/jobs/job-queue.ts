import { PgBoss } from 'pg-boss'
import { isDatabaseUnavailable } from '../db/postgres-errors.ts'
import type { Transaction } from '../db/transaction.ts'

/** Queues of background work. pg-boss keeps them in PostgreSQL and spreads them over every instance. */
export const queueNames = {
  syncStreamCall: 'stream-call-sync',
  deleteStreamCall: 'stream-call-delete',
  syncCallAccess: 'stream-call-access',
  sendEmail: 'email-send',
  announceLive: 'email-live-now',
  announceCancellation: 'email-webinar-cancelled',
  sendDueReminders: 'email-reminders',
  sendFollowUps: 'email-follow-up',
  rebuildAttendance: 'attendance-rebuild',
  deliverWebhook: 'webhook-deliver',
  checkRecordings: 'recording-check',
  announceReplay: 'email-replay-ready',
  topUpSeries: 'series-top-up',
  announceSeriesCancellation: 'email-series-cancelled',
  renameErasedStreamUsers: 'stream-users-rename-erased',
} as const

/**
 * Queues that retry differently from the rest. An integrator's receiver can be down for hours (a deploy gone wrong,
 * a weekend): a webhook is tried 17 times with exponential backoff capped at two hours, about 14 hours in all with
 * the default 5 s first delay, before its delivery counts as failed (it can still be resent from the log).
 */
const queueRetryOverrides: Partial<Record<string, { retryLimit: number; retryDelayMax: number }>> = {
  [queueNames.deliverWebhook]: { retryLimit: 16, retryDelayMax: 2 * 3600 },
}

const unavailableWarningIntervalMs = 10_000

/**
 * A job whose process died (SIGKILL, OOM, a lost machine) stays `active` in PostgreSQL: nobody finishes it
 * and, without a heartbeat, nobody retries it before its 15-minute expiry. Every worker refreshes the
 * heartbeat of the jobs it holds every `heartbeatSeconds / 2`; a job that misses it is failed by the next
 * supervision pass of any instance, and retried with the queue's backoff. So a crash in the middle of the
 * "we're live" fan-out delays its mail by about half a minute, not a quarter of an hour.
 */
const heartbeatSeconds = 10
/** How often each instance looks for such jobs (and refreshes queue statistics). */
const superviseIntervalSeconds = 10

/**
 * A job sent to run now wakes the workers of its queue at once, on every instance (PostgreSQL's NOTIFY, sent with
 * the job, in its transaction): the "we're live" fan-out starts as the start answers, and its mail as it is
 * written, rather than at the next poll. Polling stays as it was, every half second per worker: it is what finds
 * jobs no NOTIFY announces (a retry's backoff, a delayed job, any job while the listening connection is down),
 * and pg-boss also waits that long between two jobs of a worker that nothing woke, so a longer interval would
 * slow down every backlog of single jobs.
 */
const pollingIntervalSeconds = 0.5

export interface JobLogger {
  error: (object: object, message: string) => void
  warn: (object: object, message: string) => void
}

export interface JobQueue {
  start: () => Promise<void>
  stop: () => Promise<void>
  /** Enqueue within a transaction (the job exists only if the transaction commits). */
  sendInTransaction: (transaction: Transaction, queue: string, data: object, options?: SendOptions) => Promise<void>
  send: (queue: string, data: object, options?: SendOptions) => Promise<void>
  /** Enqueue many jobs of one queue in one statement; a job whose id is already there is left as it is. */
  sendMany: (queue: string, jobs: { id: string; data: object }[]) => Promise<void>
  work: <T extends object>(
    queue: string,
    handler: (data: T, attempt: { retryCount: number; isLastAttempt: boolean }) => Promise<void>,
    concurrency?: WorkConcurrency,
  ) => Promise<void>
  /**
   * Like `work`, with up to `batchSize` jobs handed over at once, for work that is cheaper together (a batch of
   * mails shares its database reads and SMTP connections). Each job keeps its own outcome, retries and backoff.
   */
  workBatch: <T extends object>(queue: string, handler: BatchHandler<T>, options: BatchOptions) => Promise<void>
  /** Runs `queue` on a cron schedule (one instance fires it, whatever the number of instances). */
  schedule: (queue: string, cron: string) => Promise<void>
  /** True once `stop` was called: a batch handler leaves what it has not begun for the retry. */
  isStopping: () => boolean
  retryLimit: number
}

export interface SendOptions {
  startAfterSeconds?: number
  /** The job's id (a UUID): sending the same id to the queue again is a no-op, so a re-run enqueues nothing twice. */
  id?: string
  /** Jobs of one group share the queue's `groupConcurrency` (see WorkConcurrency). */
  group?: string
}

export interface BatchJob<T> {
  id: string
  data: T
  retryCount: number
  isLastAttempt: boolean
}

/** Resolves with the jobs that failed (by id, with why): pg-boss retries those; the others are done. */
export type BatchHandler<T> = (jobs: BatchJob<T>[]) => Promise<Map<string, unknown>>

export interface BatchOptions {
  /** At most this many jobs per handler call. */
  batchSize: number
  /** Handler calls this instance runs at once (default 1). */
  localConcurrency?: number
}

export interface WorkConcurrency {
  /** Jobs this instance runs at once (default 4). */
  localConcurrency?: number
  /** Jobs of one group (SendOptions.group) running at once over every instance, so one group cannot take every worker. */
  groupConcurrency?: number
}

export function createJobQueue({
  connectionString,
  retryDelaySeconds,
  logger,
  retryLimit = 8,
  isSchedulingEnabled = false,
}: {
  connectionString: string
  retryDelaySeconds: number
  logger: JobLogger
  retryLimit?: number
  /** Cron schedules fire only where this is on (the app); tests drive periodic work with their own clock. */
  isSchedulingEnabled?: boolean
}): JobQueue {
  const boss = new PgBoss({
    connectionString,
    max: 4,
    schedule: isSchedulingEnabled,
    useListenNotify: true,
    superviseIntervalSeconds,
    monitorIntervalSeconds: superviseIntervalSeconds,
  })
  // pg-boss rides out a database restart by itself (it polls again); meanwhile every poll of every worker
  // fails, so that is said once every 10 s rather than hundreds of times, and as a warning.
  let lastUnavailableWarningAt = 0
  boss.on('error', (error) => {
    if (!isDatabaseUnavailable(error)) return logger.error({ err: error }, 'job queue error')
    if (Date.now() - lastUnavailableWarningAt < unavailableWarningIntervalMs) return
    lastUnavailableWarningAt = Date.now()
    logger.warn({ err: error }, 'job queue: the database is unavailable; retrying')
  })
  const retryOptions = { retryLimit, retryDelay: retryDelaySeconds, retryBackoff: true, retryDelayMax: 600, heartbeatSeconds }
  const retryOptionsOf = (queue: string) => ({ ...retryOptions, ...queueRetryOverrides[queue] })
  const polling = { pollingIntervalSeconds, notifyPollingIntervalSeconds: pollingIntervalSeconds }
  const jobOptions = (queue: string, options: SendOptions) => ({
    ...retryOptionsOf(queue),
    startAfter: options.startAfterSeconds ?? 0,
    ...(options.id ? { id: options.id } : {}),
    ...(options.group ? { group: { id: options.group } } : {}),
  })

  let isStopping = false
  return {
    retryLimit,
    async start() {
      await boss.start()
      for (const name of Object.values(queueNames)) {
        // createQueue leaves an existing queue as it is: the update brings one made by an older version in step.
        await boss.createQueue(name, { ...retryOptionsOf(name), notify: true })
        await boss.updateQueue(name, { ...retryOptionsOf(name), notify: true })
      }
    },
    isStopping: () => isStopping,
    async stop() {
      isStopping = true
      await boss.stop({ graceful: true, timeout: 3000 })
    },
    async sendInTransaction(transaction, queue, data, options = {}) {
      await boss.send(queue, data, {
        ...jobOptions(queue, options),
        db: { executeSql: async (text, values) => transaction.executeSql(text, values) as Promise<{ rows: never[] }> },
      })
    },
    async send(queue, data, options = {}) {
      await boss.send(queue, data, jobOptions(queue, options))
    },
    async sendMany(queue, jobs) {
      if (jobs.length === 0) return
      const { retryLimit: jobRetryLimit, retryDelay, retryBackoff, retryDelayMax, heartbeatSeconds: jobHeartbeatSeconds } = retryOptionsOf(queue)
      await boss.insert(
        queue,
        jobs.map(({ id, data }) => ({ id, data, retryLimit: jobRetryLimit, retryDelay, retryBackoff, retryDelayMax, heartbeatSeconds: jobHeartbeatSeconds })),
      )
    },
    async workBatch(queue, handler, { batchSize, localConcurrency = 1 }) {
      const queueRetryLimit = retryOptionsOf(queue).retryLimit
      // While fetches come back full the worker fetches again at once (a backlog, such as "we're live" to
      // thousands); a short one means the queue has caught up, and it polls again as usual.
      const options = { ...polling, batchSize, localConcurrency, perJobResults: true as const, burstWhenBatchFull: true }
      await boss.work(queue, options, async (jobs) => {
        let failures: Map<string, unknown>
        try {
          failures = await handler(
            jobs.map((job) => {
              const retryCount = job.retryCount ?? 0
              return { id: job.id, data: job.data as never, retryCount, isLastAttempt: retryCount >= queueRetryLimit }
            }),
          )
        } catch (error) {
          logger.warn({ err: error, queue, jobIds: jobs.map((job) => job.id) }, 'job batch failed; pg-boss will retry its jobs')
          throw error
        }
        return jobs.map((job) => {
          if (!failures.has(job.id)) return { id: job.id, status: 'completed' as const }
          const error = failures.get(job.id)
          logger.warn({ err: error, queue, jobId: job.id, retryCount: job.retryCount ?? 0 }, 'job failed; pg-boss will retry it')
          return { id: job.id, status: 'failed' as const, output: { message: error instanceof Error ? error.message : String(error) } }
        })
      })
    },
    async schedule(queue, cron) {
      if (isSchedulingEnabled) await boss.schedule(queue, cron)
    },
    async work(queue, handler, concurrency = {}) {
      const queueRetryLimit = retryOptionsOf(queue).retryLimit
      const { localConcurrency = 4, groupConcurrency } = concurrency
      const options = { ...polling, batchSize: 1, localConcurrency, ...(groupConcurrency ? { groupConcurrency } : {}) }
      await boss.work(queue, options, async (jobs) => {
        for (const job of jobs) {
          const retryCount = job.retryCount ?? 0
          try {
            await handler(job.data as never, { retryCount, isLastAttempt: retryCount >= queueRetryLimit })
          } catch (error) {
            logger.warn({ err: error, queue, jobId: job.id, retryCount }, 'job failed; pg-boss will retry it')
            throw error
          }
        }
      })
    },
  }
}
