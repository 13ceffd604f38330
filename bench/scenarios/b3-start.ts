// B3: starting a webinar. First how long `POST /api/webinars/:id/start` takes to answer with 0 (the baseline), 1k,
// 10k and 50k approved registrants, several webinars of each size started one after another in an interleaved order
// (mail stays in the outbox: the fan-outs of earlier starts run on in the background, as they would). Then, on a
// database of its own, a webinar with 10k registrants is started with SMTP configured, and a local SMTP server
// must accept every "we're live" mail within 20 s, each once.
import { createWebinar, setUpOwner, startWebinar } from '../lib/api.ts'
import { round, sleep, type Scenario } from '../lib/bench.ts'
import { seedRegistrations } from '../lib/seed.ts'
import { describeStatements, readStatements, resetStatements } from '../lib/statements.ts'
import { quantiles, seededRandom, shuffle } from '../lib/stats.ts'

const startP99LimitMs = 100
const mailDeadlineS = 20
const fullMailSize = 10_000

export const b3Start: Scenario = {
  id: 'B3',
  title: 'Start a webinar with many approved registrants; the "we\'re live" mail to each',
  async run(bench, record) {
    // Registrants → how many webinars of that size are started (fewer of the largest: each is 50k rows to seed).
    const sizes = bench.isQuick
      ? { starts: new Map([[0, 3], [1_000, 3], [10_000, 2]]), mailed: 1_000, mailWaitS: 8 }
      : { starts: new Map([[0, 10], [1_000, 10], [10_000, 10], [50_000, 6]]), mailed: fullMailSize, mailWaitS: 60 }

    // Start latency.
    {
      const databaseUrl = await bench.database.createDatabase('b3')
      const pool = bench.openPool(databaseUrl)
      const app = await bench.startApp('b3-app', databaseUrl, { isMailed: false })
      const owner = await setUpOwner(app.url)
      const runs: { size: number; repetition: number; webinarId: string }[] = []
      const seedStartedAt = performance.now()
      for (const [size, count] of sizes.starts) {
        for (let repetition = 0; repetition < count; repetition++) {
          const webinar = await createWebinar(owner, { title: `B3 start ${size} #${repetition}` })
          if (size > 0) await seedRegistrations(pool, webinar.id, size, { prefix: `b3-${size}-${repetition}` })
          runs.push({ size, repetition, webinarId: webinar.id })
        }
      }
      await pool.query('analyze registrations')
      record.figure('seeding time (s)', round((performance.now() - seedStartedAt) / 1000))
      // A warm-up start (0 registrants) so the first measured one does not pay for the JIT.
      await startWebinar(owner, (await createWebinar(owner, { title: 'B3 warm-up' })).id)

      // Interleaved: each round starts one webinar of every size, in a shuffled order.
      const random = seededRandom(3)
      const order: typeof runs = []
      const rounds = Math.max(...sizes.starts.values())
      for (let repetition = 0; repetition < rounds; repetition++) {
        order.push(...shuffle(runs.filter((run) => run.repetition === repetition), random))
      }
      const latencies = new Map<number, number[]>([...sizes.starts.keys()].map((size) => [size, []]))
      const phaseStartedAt = performance.now()
      for (const run of order) {
        latencies.get(run.size)!.push(await startWebinar(owner, run.webinarId))
        await sleep(300)
      }
      const phaseS = (performance.now() - phaseStartedAt) / 1000
      const baseline = quantiles(latencies.get(0)!)
      for (const size of sizes.starts.keys()) {
        const latency = quantiles(latencies.get(size)!)
        record.figure(`start with ${size} registrants: p50 / p99 (ms) over ${latency.count} starts`, `${round(latency.p50)} / ${round(latency.p99)}`)
        if (size === 0) continue
        record.target({
          target: `start answers with p99 < ${startP99LimitMs} ms with ${size.toLocaleString('en-US')} approved registrants (baseline: 0 registrants)`,
          measured: `p99 ${round(latency.p99)} ms over ${latency.count} starts, i.e. their slowest (p50 ${round(latency.p50)} ms, ${round(latency.p50 / baseline.p50, 2)} × the p50 with 0 registrants); with 0 registrants p99 ${round(baseline.p99)} ms`,
          pass: latency.p99 < startP99LimitMs,
        })
      }
      // How far the background fan-outs got meanwhile: "we're live" rows written into the outbox.
      const { rows } = await pool.query<{ count: string }>(`select count(*) from email_messages where kind = 'live_now'`)
      const written = Number(rows[0]!.count)
      const expected = runs.reduce((sum, run) => sum + run.size, 0)
      record.figure(`"we're live" outbox rows written by the fan-outs during the ${round(phaseS)} s of starts`, `${written} of ${expected} (${round(written / phaseS)} rows/s)`)
      await app.stop()
    }

    // Every "we're live" mail through SMTP.
    {
      const databaseUrl = await bench.database.createDatabase('b3mail')
      const pool = bench.openPool(databaseUrl)
      const app = await bench.startApp('b3-mail-app', databaseUrl, { isMailed: true })
      const owner = await setUpOwner(app.url)
      const webinar = await createWebinar(owner, { title: 'B3 we are live' })
      const seeded = await seedRegistrations(pool, webinar.id, sizes.mailed, { prefix: 'b3-mail', isReturningIds: true })
      await pool.query('analyze registrations')
      await bench.smtp.call('reset')
      await resetStatements(pool, bench.database.hasStatementStats)
      const startedAt = Date.now()
      const startMs = await startWebinar(owner, webinar.id)
      let received = 0
      const deadline = startedAt + sizes.mailWaitS * 1000
      while (received < sizes.mailed && Date.now() < deadline) {
        await sleep(250)
        received = await bench.smtp.call<number>('count')
      }
      const statements = await readStatements(pool, bench.database.hasStatementStats)
      // Time for late copies (a retry) to show up before counting duplicates.
      await sleep(bench.isQuick ? 1000 : 3000)
      // The outbox first, then what arrived: every mail marked sent by then was accepted (the sink records a mail
      // before its 250, the app marks it after), so a sent mail missing from the list was lost.
      const { rows: outbox } = await pool.query<{ status: string; to_email: string }>(
        `select status, to_email from email_messages where webinar_id = $1 and kind = 'live_now'`,
        [webinar.id],
      )
      const mails = await bench.smtp.call<{ to: string[]; messageId: string; subject: string; at: number }[]>('list')

      const expectedAddresses = new Set(seeded.emails.map((email) => email.toLowerCase()))
      const perAddress = new Map<string, number>()
      const messageIds = new Map<string, number>()
      for (const mail of mails) {
        for (const to of mail.to) perAddress.set(to, (perAddress.get(to) ?? 0) + 1)
        messageIds.set(mail.messageId, (messageIds.get(mail.messageId) ?? 0) + 1)
      }
      const missing = [...expectedAddresses].filter((address) => !perAddress.has(address)).length
      const twice = [...perAddress.values()].filter((count) => count > 1).length
      const strangers = [...perAddress.keys()].filter((address) => !expectedAddresses.has(address)).length
      const repeatedIds = [...messageIds.values()].filter((count) => count > 1).length
      const arrivals = mails.map((mail) => (mail.at - startedAt) / 1000).sort((a, b) => a - b)
      const withinDeadline = arrivals.filter((seconds) => seconds <= mailDeadlineS).length
      const lastS = arrivals.at(-1) ?? Number.NaN
      const firstS = arrivals[0] ?? Number.NaN
      // The delivery rate once mail flows, and what it makes of 10k (quick runs send fewer).
      const rate = arrivals.length > 1 ? (arrivals.length - 1) / (lastS - firstS) : Number.NaN
      const projectedFullS = firstS + fullMailSize / rate

      // Which outbox rows the mails were: a Message-ID names its row (outbox-<id>@…).
      const ids = mails.map((mail) => /<outbox-([0-9a-f-]{36})@/.exec(mail.messageId)?.[1]).filter((id): id is string => Boolean(id))
      const { rows } = await pool.query<{ kind: string; count: string }>(`select kind, count(*) from email_messages where id = any($1::uuid[]) group by kind`, [ids])
      const kinds = Object.fromEntries(rows.map((row) => [row.kind, Number(row.count)]))

      record.figure(`mailed start: registrants`, sizes.mailed)
      record.figure('mailed start: start answered in (ms)', round(startMs))
      record.figure('mails accepted by the SMTP server: first / last after the start (s)', `${round(firstS, 2)} / ${round(lastS, 2)}`)
      record.figure(`mails accepted within ${mailDeadlineS} s`, `${withinDeadline} of ${sizes.mailed}`)
      record.figure('delivery rate once flowing (mails/s)', round(rate))
      if (statements && outbox.length > 0) {
        // Per "we're live" row in the outbox: the fan-out writes every one; deliveries are the ones that arrived.
        const described = describeStatements(statements, outbox.length, `"we're live" row written (${received} of them also delivered)`)
        record.figure('PostgreSQL work during the wait', described.perRequest)
        record.note(`Mailed start, statements by PostgreSQL time (calls per "we're live" row × mean): ${described.top}`)
      }
      record.figure('kinds of the mails received (outbox rows)', Object.entries(kinds).map(([kind, count]) => `${kind} × ${count}`).join(', ') || 'none')
      record.target({
        target: `every "we're live" mail for ${fullMailSize.toLocaleString('en-US')} registrants accepted by SMTP within ${mailDeadlineS} s`,
        measured: bench.isQuick
          ? `${sizes.mailed} mails: last after ${round(lastS, 1)} s at ${round(rate)} mails/s → 10k projected at ${round(projectedFullS, 1)} s`
          : `${withinDeadline} of ${sizes.mailed} within ${mailDeadlineS} s; last after ${round(lastS, 1)} s (${round(rate)} mails/s)`,
        ratio: round((bench.isQuick ? projectedFullS : lastS) / mailDeadlineS, 2),
        ratioTarget: '≤ 1 (time ÷ 20 s)',
        pass: bench.isQuick ? missing === 0 && projectedFullS <= mailDeadlineS : withinDeadline === sizes.mailed,
        ...(bench.isQuick ? { note: 'quick: projected from the measured rate' } : {}),
      })
      // Not arrived is not lost while the fan-out and deliveries are still going: lost is a mail the outbox marks sent
      // (the SMTP server took it) that never arrived, or one that failed for good.
      const byStatus: Record<string, number> = {}
      for (const row of outbox) byStatus[row.status] = (byStatus[row.status] ?? 0) + 1
      const sentNotReceived = outbox.filter((row) => row.status === 'sent' && !perAddress.has(row.to_email.toLowerCase())).length
      const lost = sentNotReceived + (byStatus.failed ?? 0)
      record.figure(`outbox after the wait ("we're live" rows by status)`, Object.entries(byStatus).map(([status, count]) => `${status} × ${count}`).join(', ') || 'none')
      record.check(
        `no "we're live" mail lost (every one marked sent arrived; none failed)`,
        lost === 0 && strangers === 0,
        `${mails.length} of ${sizes.mailed} arrived within ${sizes.mailWaitS} s; ${sentNotReceived} marked sent but not received, ${byStatus.failed ?? 0} failed, ${Math.max(0, missing - lost)} still on their way; ${strangers} to unknown addresses`,
      )
      record.check('no "we\'re live" mail twice', twice === 0 && repeatedIds === 0, `${twice} addresses got more than one; ${repeatedIds} Message-IDs seen twice`)
      record.check('every mail received is a "we\'re live" mail', (kinds.live_now ?? 0) === mails.length, `${kinds.live_now ?? 0} of ${mails.length}`)
      await app.stop()
    }
  },
}
