// B2: the join storm. The webinar is live; each of 20k distinct registrants opens their personal page
// (`GET /api/join/:token`) and then asks for their Stream credentials (`POST /api/join/:token/stream-token`), each on
// one of 50 connections that keep going as fast as answers come. Baseline: a bare Fastify hello-world, before and
// after. B7's first figure, the API's RSS during the storm, is sampled here.
import type autocannon from 'autocannon'
import { createWebinar, setUpOwner, startWebinar } from '../lib/api.ts'
import { round, type Scenario } from '../lib/bench.ts'
import { describeStatuses, runLoad } from '../lib/load.ts'
import { sampleRss, startBaselineServer } from '../lib/processes.ts'
import { seedRegistrations } from '../lib/seed.ts'
import { describeStatements, readStatements, resetStatements } from '../lib/statements.ts'
import { mean } from '../lib/stats.ts'
import { rssLimitDuringStormMiB } from './b7-memory.ts'

export const b2JoinStorm: Scenario = {
  id: 'B2',
  title: 'Join storm: personal page then Stream credentials, distinct registrants vs hello-world',
  async run(bench, record) {
    const connections = 50
    const sizes = bench.isQuick ? { registrants: 1_000, warmup: 200, baselineS: 2 } : { registrants: 20_000, warmup: 500, baselineS: 5 }
    const databaseUrl = await bench.database.createDatabase('b2')
    const pool = bench.openPool(databaseUrl)
    const app = await bench.startApp('b2-app', databaseUrl)
    const baseline = await startBaselineServer(undefined, 1)
    record.figure('API RSS right after start-up, idle (MiB)', round(app.rssMiB()))
    try {
      const owner = await setUpOwner(app.url)
      const webinar = await createWebinar(owner, { title: 'B2 join storm' })
      // Live first, with nobody registered yet: the storm is measured without the "we're live" fan-out (that is B3).
      await startWebinar(owner, webinar.id)
      // A few spare tokens: autocannon may prepare a request per connection that it never sends.
      const spare = connections * 2
      const seeded = await seedRegistrations(pool, webinar.id, sizes.warmup + sizes.registrants + spare, { prefix: 'b2', joinTokens: bench.joinTokens })
      await pool.query('analyze registrations')

      let next = 0
      let lastTag = ''
      const joinFlow = (tokens: string[]): autocannon.Request[] => [
        {
          method: 'GET',
          path: '/',
          setupRequest: (request, context) => {
            const token = tokens[next++]
            if (!token) throw new Error('B2 ran out of seeded tokens')
            ;(context as { token?: string }).token = token
            return { ...request, path: `/api/join/${token}` }
          },
          onResponse: () => (lastTag = 'GET /api/join/:token'),
        },
        {
          method: 'POST',
          path: '/',
          setupRequest: (request, context) => ({ ...request, path: `/api/join/${(context as { token: string }).token}/stream-token` }),
          onResponse: () => (lastTag = 'POST /api/join/:token/stream-token'),
        },
      ]
      const hello: autocannon.Request[] = [{ method: 'GET', path: '/hello' }]

      // Warm-up on tokens of their own: every registrant of the storm opens their link for the first time.
      await runLoad({ url: baseline.ready.url, connections, durationS: 2, requests: hello })
      await runLoad({ url: app.url, connections, amount: sizes.warmup * 2, requests: joinFlow(seeded.tokens.slice(0, sizes.warmup)) })

      const helloBefore = await runLoad({ url: baseline.ready.url, connections, durationS: sizes.baselineS, requests: hello })
      next = 0
      const stormTokens = seeded.tokens.slice(sizes.warmup)
      await resetStatements(pool, bench.database.hasStatementStats)
      const rss = sampleRss(app.pid, 100)
      const storm = await runLoad({
        url: app.url,
        connections,
        amount: sizes.registrants * 2,
        requests: joinFlow(stormTokens),
        currentTag: () => lastTag,
      })
      const memory = rss.stop()
      const statements = await readStatements(pool, bench.database.hasStatementStats)
      const helloAfter = await runLoad({ url: baseline.ready.url, connections, durationS: sizes.baselineS, requests: hello })

      const helloRps = mean([helloBefore.rps, helloAfter.rps])
      // A run of a fixed `amount` ends at autocannon's next 1-second sample after the last answer, so its wall time
      // (what `rps` divides by) is rounded up to whole seconds: 2,000 requests answered in 0.7 s counted as 2,000/s.
      // The storm's rate is taken up to its last answer instead (every answer is a 200, checked below).
      const stormRps = storm.lastOkAtS > 0 ? storm.requests / storm.lastOkAtS : storm.rps
      const ratio = stormRps / helloRps
      record.figure(`registrants (each: GET page + POST stream-token), ${connections} connections`, sizes.registrants)
      record.figure('storm requests/s', round(stormRps))
      record.figure('registrants joined/s', round(stormRps / 2))
      record.figure('hello-world requests/s (before / after)', `${round(helloBefore.rps)} / ${round(helloAfter.rps)}`)
      record.figure('storm latency p50 / p90 / p99 / max (ms)', `${round(storm.latencyMs.p50)} / ${round(storm.latencyMs.p90)} / ${round(storm.latencyMs.p99)} / ${round(storm.latencyMs.max)}`)
      for (const [tag, latency] of Object.entries(storm.byTag)) {
        record.figure(`${tag}: p50 / p99 (ms)`, `${round(latency.p50)} / ${round(latency.p99)}`)
      }
      record.figure('hello-world latency p50 / p99 (ms)', `${round(helloBefore.latencyMs.p50)} / ${round(helloBefore.latencyMs.p99)}`)
      record.figure('API RSS during the storm: start / peak / end (MiB)', `${round(memory.firstMiB)} / ${round(memory.maxMiB)} / ${round(memory.lastMiB)}`)
      record.figure('storm answers', describeStatuses(storm.statuses))
      if (statements) {
        const described = describeStatements(statements, sizes.registrants, 'registrant (page + credentials)')
        record.figure('PostgreSQL work per registrant', described.perRequest)
        record.note(`Statements by PostgreSQL time (calls per registrant × mean): ${described.top}`)
      }

      record.target({
        target: 'join storm ≥ 0.5 × hello-world req/s',
        measured: `${round(stormRps)} vs ${round(helloRps)} req/s`,
        ratio: round(ratio, 3),
        ratioTarget: '≥ 0.5',
        pass: ratio >= 0.5,
        ...(bench.isQuick ? { note: `quick: ${sizes.registrants} registrants` } : {}),
      })
      record.target({
        target: `join storm p99 < 50 ms (${connections} connections)`,
        measured: `p99 ${round(storm.latencyMs.p99)} ms (p50 ${round(storm.latencyMs.p50)} ms)`,
        pass: storm.latencyMs.p99 < 50,
      })
      record.target({
        scenario: 'B7',
        target: `API RSS < ${rssLimitDuringStormMiB} MB during the join storm`,
        measured: `peak ${round(memory.maxMiB)} MiB (${round(memory.firstMiB)} at the start)`,
        pass: memory.maxMiB < rssLimitDuringStormMiB,
      })
      record.check(
        'every join request answered 200',
        storm.non2xx === 0 && storm.errors === 0 && storm.requests === sizes.registrants * 2,
        `${describeStatuses(storm.statuses)}; ${storm.errors} socket errors, ${storm.timeouts} timeouts`,
      )
    } finally {
      await baseline.stop()
    }
  },
}
