// B4: Stream's participant webhooks. A live webinar's registrants each join and leave the call once: 20k signed
// `call.session_participant_joined` / `_left` events (HMAC-SHA256 of the body with the Stream API secret, as Stream
// signs them), in a shuffled order, from one address as Stream's senders would. Baseline: B1's bare INSERT route,
// before and after. Afterwards every registrant's attendance must be exactly what their events say.
import { createHmac, randomUUID } from 'node:crypto'
import type autocannon from 'autocannon'
import { registrantStreamUserId } from '../../server/src/video/video-service.ts'
import { createWebinar, setUpOwner, startWebinar } from '../lib/api.ts'
import { round, type Scenario } from '../lib/bench.ts'
import { describeStatuses, runLoad } from '../lib/load.ts'
import { startBaselineServer } from '../lib/processes.ts'
import { seedRegistrations } from '../lib/seed.ts'
import { describeStatements, readStatements, resetStatements } from '../lib/statements.ts'
import { mean, seededRandom, shuffle } from '../lib/stats.ts'

/** As in B1: the app's pool size. */
const appPoolSize = 10

export const b4Webhooks: Scenario = {
  id: 'B4',
  title: 'Stream participant webhooks (signed joined/left) vs one INSERT per request',
  async run(bench, record) {
    const connections = 20
    const sizes = bench.isQuick ? { registrants: 500, baselineS: 2 } : { registrants: 10_000, baselineS: 5 }
    const databaseUrl = await bench.database.createDatabase('b4')
    const pool = bench.openPool(databaseUrl)
    const app = await bench.startApp('b4-app', databaseUrl)
    const baseline = await startBaselineServer(databaseUrl, appPoolSize)
    try {
      const owner = await setUpOwner(app.url)
      const webinar = await createWebinar(owner, { title: 'B4 webhooks' })
      await startWebinar(owner, webinar.id)
      const seeded = await seedRegistrations(pool, webinar.id, sizes.registrants, { prefix: 'b4', isReturningIds: true })
      await pool.query('analyze registrations')
      // The webinar went live three hours ago, so every session below lies inside its live window and in the past.
      const liveStartedAt = Date.now() - 3 * 3600_000
      await pool.query('update webinars set live_started_at = $2 where id = $1', [webinar.id, new Date(liveStartedAt)])

      // Each registrant: one session, joined some minutes into the webinar, for whole seconds.
      const random = seededRandom(4)
      const expected = new Map<string, { joinedAt: number; leftAt: number; seconds: number }>()
      const events: { body: string; signature: string }[] = []
      const sign = (body: string) => createHmac('sha256', bench.streamKeys.apiSecret).update(body).digest('hex')
      seeded.ids.forEach((registrationId, index) => {
        const joinedAt = liveStartedAt + (60 + Math.floor(random() * 3600)) * 1000
        const seconds = 30 + Math.floor(random() * 3000)
        const leftAt = joinedAt + seconds * 1000
        expected.set(registrationId, { joinedAt, leftAt, seconds })
        const participant = {
          user: { id: registrantStreamUserId(registrationId), name: `Seeded Registrant ${index}`, role: 'user' },
          user_session_id: `bench-session-${index}`,
          role: 'viewer',
          joined_at: new Date(joinedAt).toISOString(),
        }
        const common = { call_cid: webinar.streamCallCid, session_id: 'bench-call-session', participant }
        const joined = JSON.stringify({ type: 'call.session_participant_joined', created_at: new Date(joinedAt).toISOString(), ...common })
        const left = JSON.stringify({ type: 'call.session_participant_left', created_at: new Date(leftAt).toISOString(), duration_seconds: seconds, ...common })
        events.push({ body: joined, signature: sign(joined) }, { body: left, signature: sign(left) })
      })
      shuffle(events, random)

      let next = 0
      const webhooks: autocannon.Request[] = [
        {
          method: 'POST',
          path: '/api/stream/webhooks',
          setupRequest: (request) => {
            const event = events[next++]
            if (!event) return request
            return {
              ...request,
              body: event.body,
              headers: { 'content-type': 'application/json', 'x-signature': event.signature, 'x-webhook-id': randomUUID(), 'x-webhook-attempt': '1' },
            }
          },
        },
      ]
      let counter = 0
      const inserts: autocannon.Request[] = [
        {
          method: 'POST',
          path: '/insert',
          headers: { 'content-type': 'application/json' },
          setupRequest: (request) => ({ ...request, body: JSON.stringify({ name: `Bench ${counter}`, email: `b4-baseline-${counter++}@bench.test` }) }),
        },
      ]

      await runLoad({ url: baseline.ready.url, connections, durationS: 2, requests: inserts })
      const before = await runLoad({ url: baseline.ready.url, connections, durationS: sizes.baselineS, requests: inserts })
      await resetStatements(pool, bench.database.hasStatementStats)
      const delivered = await runLoad({ url: app.url, connections, amount: events.length, requests: webhooks })
      const statements = await readStatements(pool, bench.database.hasStatementStats)
      const after = await runLoad({ url: baseline.ready.url, connections, durationS: sizes.baselineS, requests: inserts })

      const baselineRps = mean([before.rps, after.rps])
      // Events processed per second. When some were refused (429), the rate before the first refusal: refusals are
      // answers that did no work, and the time spent refusing is not processing time.
      const isRefused = delivered.firstRefusalAtS > 0
      const acceptedRate = isRefused ? delivered.okBeforeFirstRefusal / delivered.firstRefusalAtS : delivered.okCount / delivered.lastOkAtS
      const ratio = acceptedRate / baselineRps
      record.figure(`webhooks sent (${sizes.registrants} registrants × joined + left), ${connections} connections`, events.length)
      record.figure('answers', describeStatuses(delivered.statuses))
      record.figure(isRefused ? 'accepted webhooks/s before the first refusal' : 'accepted webhooks/s', round(acceptedRate))
      if (isRefused) {
        record.figure(
          'first refusal',
          `after ${round(delivered.firstRefusalAtS)} s and ${delivered.okBeforeFirstRefusal} accepted webhooks; ${delivered.okCount} accepted in all over ${round(delivered.durationS)} s`,
        )
      }
      record.figure('baseline INSERTs/s (before / after)', `${round(before.rps)} / ${round(after.rps)}`)
      const accepted = delivered.okLatencyMs
      record.figure('accepted webhooks: latency p50 / p99 / max (ms)', `${round(accepted.p50)} / ${round(accepted.p99)} / ${round(accepted.max)}`)
      if (statements) {
        const described = describeStatements(statements, Math.max(1, delivered.okCount), 'accepted webhook')
        record.figure('PostgreSQL work per webhook', described.perRequest)
        record.note(`Statements by PostgreSQL time (calls per accepted webhook × mean): ${described.top}`)
      }
      const refused = delivered.statuses['429'] ?? 0
      record.target({
        target: 'participant webhooks ≥ 0.6 × the B1 baseline rate',
        measured: `${round(acceptedRate)} accepted/s vs ${round(baselineRps)} INSERTs/s${refused > 0 ? `; ${refused} of ${events.length} refused with 429 (rate measured before the first)` : ''}`,
        ratio: round(ratio, 3),
        ratioTarget: '≥ 0.6',
        pass: ratio >= 0.6 && delivered.non2xx === 0,
        ...(bench.isQuick ? { note: `quick: ${events.length} events` } : {}),
      })
      record.check(
        'every signed webhook accepted (2xx)',
        delivered.non2xx === 0 && delivered.errors === 0,
        `${describeStatuses(delivered.statuses)}; ${delivered.errors} socket errors${refused > 0 ? ' (429: the per-address limit of /api/stream/webhooks)' : ''}`,
      )

      // Attendance, exactly: one row per registrant, the session's times and its whole seconds.
      const { rows } = await pool.query<{ registration_id: string; first_joined_at: Date | null; last_left_at: Date | null; watch_seconds: number }>(
        'select registration_id, first_joined_at, last_left_at, watch_seconds from registration_attendance where webinar_id = $1',
        [webinar.id],
      )
      let exact = 0
      const wrong: string[] = []
      for (const row of rows) {
        const want = expected.get(row.registration_id)
        const isExact =
          want !== undefined &&
          row.watch_seconds === want.seconds &&
          row.first_joined_at?.getTime() === want.joinedAt &&
          row.last_left_at?.getTime() === want.leftAt
        if (isExact) exact++
        else if (wrong.length < 3) wrong.push(`${row.registration_id}: ${row.watch_seconds} s, want ${want?.seconds ?? 'no row'}`)
      }
      record.figure('attendance rows exact', `${exact} of ${sizes.registrants} (${rows.length} rows)`)
      record.check(
        'attendance exact afterwards',
        exact === sizes.registrants && rows.length === sizes.registrants,
        `${exact} exact of ${sizes.registrants} registrants, ${rows.length} rows${wrong.length > 0 ? `; e.g. ${wrong.join('; ')}` : ''}${refused > 0 ? ` (${refused} events were refused with 429)` : ''}`,
      )
    } finally {
      await baseline.stop()
    }
  },
}
