// B1: registrations to one webinar with capacity enforced (validation, the registration row, its confirmation in the
// outbox and its delivery job), against a bare Fastify route doing one INSERT per request through a pool of the app's
// size, interleaved round by round. Measured while the webinar is new and again once it holds 100k registrations;
// then a burst at a capacity a few hundred seats away checks that no seat is given twice. B7's CSV export of the
// grown webinar runs at the end (see b7-memory.ts).
import type autocannon from 'autocannon'
import { createWebinar, setUpOwner, updateWebinar } from '../lib/api.ts'
import { queuedMail, round, sleep, waitUntil, waitUntilSettled, type Scenario } from '../lib/bench.ts'
import { runLoad, describeStatuses, type LoadResult } from '../lib/load.ts'
import { startBaselineServer } from '../lib/processes.ts'
import { seedRegistrations } from '../lib/seed.ts'
import { describeStatements, readStatements, resetStatements, type StatementSummary } from '../lib/statements.ts'
import { mean } from '../lib/stats.ts'
import { measureCsvExport } from './b7-memory.ts'

/** The app's pool (server/src/db/client.ts: connectDatabase's default, which main.ts uses). */
const appPoolSize = 10

export const b1Registrations: Scenario = {
  id: 'B1',
  title: 'Registrations to one webinar (capacity, outbox, job) vs one INSERT per request',
  async run(bench, record) {
    const sizes = bench.isQuick
      ? { roundS: 3, rounds: 1, seedTo: 10_000, seatsLeft: 50, connections: 32, burstConnections: 100 }
      : { roundS: 8, rounds: 2, seedTo: 100_000, seatsLeft: 300, connections: 32, burstConnections: 100 }
    const databaseUrl = await bench.database.createDatabase('b1')
    const pool = bench.openPool(databaseUrl)
    const app = await bench.startApp('b1-app', databaseUrl)
    const baseline = await startBaselineServer(databaseUrl, appPoolSize)
    try {
      const owner = await setUpOwner(app.url)
      // Seats are enforced from the start; the limit comes within reach only for the burst at the end.
      const webinar = await createWebinar(owner, { title: 'B1 registrations', capacity: 1_000_000 })

      let counter = 0
      const registrationRequests = (label: string, receipts?: Record<string, number>): autocannon.Request[] => {
        const local = label.replace(/[^a-z0-9]+/gi, '-')
        return [
          {
            method: 'POST',
            path: `/api/public/webinars/${webinar.slug}/registrations`,
            headers: { 'content-type': 'application/json' },
            setupRequest: (request) => {
              const index = counter++
              return { ...request, body: JSON.stringify({ name: `Bench Registrant ${index}`, email: `b1-${local}-${index}@bench.test`, timezone: 'Europe/Paris' }) }
            },
            ...(receipts
              ? {
                  onResponse: (status: number, body: string) => {
                    const key = status === 201 ? (JSON.parse(body) as { status: string }).status : String(status)
                    receipts[key] = (receipts[key] ?? 0) + 1
                  },
                }
              : {}),
          },
        ]
      }
      const baselineRequests: autocannon.Request[] = [
        {
          method: 'POST',
          path: '/insert',
          headers: { 'content-type': 'application/json' },
          setupRequest: (request) => {
            const index = counter++
            return { ...request, body: JSON.stringify({ name: `Bench Registrant ${index}`, email: `b1-baseline-${index}@bench.test`, timezone: 'Europe/Paris' }) }
          },
        },
      ]

      // Confirmations are delivered by the app's job workers (SMTP to the sink), during the registrations as in
      // production: that work is the app's own. The baseline rounds should not pay for it, so each waits (a bounded
      // while) for the backlog to be delivered; what is left when it starts is reported.
      let drainS = 0
      const backlogs: number[] = []
      const drainMail = async (limitMs: number) => {
        const startedAt = performance.now()
        await waitUntil(async () => (await queuedMail(pool)) === 0, limitMs, 250)
        drainS += (performance.now() - startedAt) / 1000
        backlogs.push(await queuedMail(pool))
      }
      const baselineDrainMs = bench.isQuick ? 3_000 : 10_000
      const failures: string[] = []
      const noteFailures = (what: string, result: LoadResult) => {
        if (result.non2xx > 0 || result.errors > 0) failures.push(`${what}: ${describeStatuses(result.statuses)}, ${result.errors} socket errors`)
      }

      // Warm-up: both servers JIT-compile their paths before anything is measured.
      await runLoad({ url: baseline.ready.url, connections: sizes.connections, durationS: 2, requests: baselineRequests })
      await runLoad({ url: app.url, connections: sizes.connections, durationS: 2, requests: registrationRequests('warmup') })

      const phase = async (label: string) => {
        const appRuns: LoadResult[] = []
        const baselineRuns: LoadResult[] = []
        let statements: StatementSummary | undefined
        for (let index = 0; index < sizes.rounds; index++) {
          await drainMail(baselineDrainMs)
          const base = await runLoad({ url: baseline.ready.url, connections: sizes.connections, durationS: sizes.roundS, requests: baselineRequests })
          noteFailures(`baseline at ${label}`, base)
          baselineRuns.push(base)
          await resetStatements(pool, bench.database.hasStatementStats)
          const receipts: Record<string, number> = {}
          const registered = await runLoad({ url: app.url, connections: sizes.connections, durationS: sizes.roundS, requests: registrationRequests(label, receipts) })
          noteFailures(`registrations at ${label}`, registered)
          appRuns.push(registered)
          statements = await readStatements(pool, bench.database.hasStatementStats)
        }
        if (statements) {
          const described = describeStatements(statements, appRuns.at(-1)!.requests, 'registration')
          record.figure(`${label}: PostgreSQL work per registration (last round, job queue included)`, described.perRequest)
          record.note(`${label}, statements by PostgreSQL time (calls per registration × mean): ${described.top}`)
        }
        const appRps = mean(appRuns.map((run) => run.rps))
        const baselineRps = mean(baselineRuns.map((run) => run.rps))
        const latency = appRuns.at(-1)!.latencyMs
        record.figure(`${label}: registrations/s (${sizes.rounds} × ${sizes.roundS} s rounds, ${sizes.connections} connections)`, round(appRps))
        record.figure(`${label}: baseline INSERTs/s`, round(baselineRps))
        record.figure(`${label}: registration latency p50 / p99 / max (ms)`, `${round(latency.p50)} / ${round(latency.p99)} / ${round(latency.max)}`)
        record.figure(`${label}: ratio to baseline`, round(appRps / baselineRps, 3))
        return { appRps, baselineRps, ratio: appRps / baselineRps }
      }

      const registrationsOf = async () => {
        const { rows } = await pool.query<{ total: string; approved: string; waitlisted: string }>(
          `select count(*) as total, count(*) filter (where status = 'approved') as approved, count(*) filter (where status = 'waitlisted') as waitlisted
           from registrations where webinar_id = $1`,
          [webinar.id],
        )
        return { total: Number(rows[0]!.total), approved: Number(rows[0]!.approved), waitlisted: Number(rows[0]!.waitlisted) }
      }

      const empty = await phase('new webinar')
      const before = await registrationsOf()
      const seedStartedAt = performance.now()
      const seeds = Math.max(0, sizes.seedTo - before.total)
      await seedRegistrations(pool, webinar.id, seeds, { prefix: 'b1-seed' })
      // What autovacuum does after a burst of inserts: the planner knows the table's new size.
      await pool.query('analyze registrations')
      record.figure('seeded registrations (SQL)', seeds)
      record.figure('seeding time (s)', round((performance.now() - seedStartedAt) / 1000))
      const grown = await phase(`at ${sizes.seedTo / 1000}k registrations`)

      record.target({
        target: 'registrations ≥ 0.5 × baseline req/s (new webinar)',
        measured: `${round(empty.appRps)} vs ${round(empty.baselineRps)} req/s`,
        ratio: round(empty.ratio, 3),
        ratioTarget: '≥ 0.5',
        pass: empty.ratio >= 0.5,
      })
      record.target({
        target: `registrations ≥ 0.5 × baseline req/s (at ${sizes.seedTo / 1000}k)`,
        measured: `${round(grown.appRps)} vs ${round(grown.baselineRps)} req/s`,
        ratio: round(grown.ratio, 3),
        ratioTarget: '≥ 0.5',
        pass: grown.ratio >= 0.5,
        ...(bench.isQuick ? { note: 'quick: 10k, not 100k' } : {}),
      })
      // Judged on the ratios to the baseline of the same moment, so a machine busier in one phase than the other
      // does not pass for a slowdown of the code (the raw figures are reported too).
      const flatness = grown.ratio / empty.ratio
      record.figure('raw flatness (registrations/s grown ÷ new)', round(grown.appRps / empty.appRps, 3))
      record.target({
        target: `flat within 15 % from 0 to ${sizes.seedTo / 1000}k registrations (ratio to baseline, grown ÷ new)`,
        measured: `${round(empty.appRps)} → ${round(grown.appRps)} req/s; baseline ${round(empty.baselineRps)} → ${round(grown.baselineRps)}`,
        ratio: round(flatness, 3),
        ratioTarget: '0.85–1.15',
        pass: flatness >= 0.85 && flatness <= 1.15,
        ...(bench.isQuick ? { note: 'quick: 0 → 10k' } : {}),
      })

      // Overbooking: a few hundred seats left, four times as many people at once. Registrations still in flight when
      // the last round's time ran out (autocannon stops waiting for them) land first.
      await waitUntilSettled(async () => (await registrationsOf()).total)
      const beforeBurst = await registrationsOf()
      const capacity = beforeBurst.approved + sizes.seatsLeft
      await updateWebinar(owner, webinar.id, { capacity })
      const burstReceipts: Record<string, number> = {}
      const attempts = sizes.seatsLeft * 4
      const burst = await runLoad({
        url: app.url,
        connections: sizes.burstConnections,
        amount: attempts,
        requests: registrationRequests('burst', burstReceipts),
      })
      noteFailures('capacity burst', burst)
      await waitUntilSettled(async () => (await registrationsOf()).total)
      const afterBurst = await registrationsOf()
      record.figure(`capacity burst: ${attempts} registrations for ${sizes.seatsLeft} seats left (${sizes.burstConnections} connections)`, describeStatuses(burst.statuses))
      record.figure('capacity burst: answers', Object.entries(burstReceipts).map(([key, count]) => `${key} × ${count}`).join(', '))
      record.figure('capacity burst: registrations/s', round(burst.rps))
      record.check(
        'no overbooking: approved ≤ capacity, and every seat taken when more asked',
        afterBurst.approved === capacity && (burstReceipts.approved ?? 0) === sizes.seatsLeft,
        `capacity ${capacity}, approved ${afterBurst.approved} (${burstReceipts.approved ?? 0} answered approved in the burst, ${sizes.seatsLeft} seats were left)`,
      )
      const answeredCreated = Object.entries(burstReceipts).filter(([key]) => key === 'approved' || key === 'waitlisted').reduce((sum, [, count]) => sum + count, 0)
      record.check(
        'every registration answered 201 is stored, as answered',
        afterBurst.total - beforeBurst.total === answeredCreated && afterBurst.waitlisted - beforeBurst.waitlisted === (burstReceipts.waitlisted ?? 0),
        `${answeredCreated} answered 201, ${afterBurst.total - beforeBurst.total} rows added (${afterBurst.waitlisted - beforeBurst.waitlisted} waitlisted, ${burstReceipts.waitlisted ?? 0} answered waitlisted)`,
      )
      record.check('every request answered 2xx', failures.length === 0, failures.length === 0 ? 'all rounds' : failures.join('; '))
      record.figure('waiting for confirmations to be delivered before baseline rounds (s)', round(drainS))
      record.figure('confirmations still queued as each baseline round began', backlogs.join(', '))

      await drainMail(baselineDrainMs)
      await sleep(1000)
      await measureCsvExport(bench, record, { app, pool, owner, webinarId: webinar.id, expectedRows: afterBurst.total })
    } finally {
      await baseline.stop()
    }
  },
}
