// B7: memory. The API process's RSS is read from /proc/<pid>/status (VmRSS) by the bench, never by the app: during
// B2's join storm (see b2-join-storm.ts), and here while the CSV export of B1's grown webinar streams to the bench.
import type pg from 'pg'
import type { Staff } from '../lib/api.ts'
import { round, sleep, type Bench, type Recorder } from '../lib/bench.ts'
import { sampleRss, type AppProcess } from '../lib/processes.ts'
import { quantiles } from '../lib/stats.ts'

export const rssLimitDuringStormMiB = 200
const csvGrowthLimitMiB = 50

export async function measureCsvExport(
  bench: Bench,
  record: Recorder,
  { app, owner, webinarId, expectedRows }: { app: AppProcess; pool: pg.Pool; owner: Staff; webinarId: string; expectedRows: number },
): Promise<void> {
  // RSS at rest first: the median of a second of samples.
  const rest = sampleRss(app.pid, 50)
  await sleep(1000)
  rest.stop()
  const before = quantiles(rest.samples).p50

  const during = sampleRss(app.pid, 50)
  const startedAt = performance.now()
  const response = await fetch(`${app.url}/api/webinars/${webinarId}/registrations.csv`, { headers: owner.headers })
  let bytes = 0
  let lines = 0
  let firstByteMs = 0
  if (response.body) {
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      if (bytes === 0) firstByteMs = performance.now() - startedAt
      bytes += chunk.length
      for (const byte of chunk) if (byte === 10) lines++
    }
  }
  const elapsedS = (performance.now() - startedAt) / 1000
  const { maxMiB } = during.stop()
  const growth = maxMiB - before
  const size = `${Math.round(expectedRows / 1000)}k`

  record.figure(`CSV export of ${expectedRows} registrations: status`, response.status)
  record.figure('CSV export: size (MiB) / time (s) / first byte (ms)', `${round(bytes / 1048576)} / ${round(elapsedS, 2)} / ${round(firstByteMs)}`)
  record.figure('CSV export: API RSS at rest → peak while streaming (MiB)', `${round(before)} → ${round(maxMiB)}`)
  record.target({
    scenario: 'B7',
    target: `CSV export of 100k registrations streams with API RSS growth < ${csvGrowthLimitMiB} MB`,
    measured: `+${round(growth)} MiB (${round(before)} → ${round(maxMiB)} MiB) exporting ${size} rows in ${round(elapsedS, 2)} s`,
    pass: response.ok && growth < csvGrowthLimitMiB,
    ...(bench.isQuick ? { note: `quick: ${size} rows, not 100k` } : {}),
  })
  // One line per registration, plus the header (names and addresses here hold no line breaks).
  record.check('CSV export holds every registration', response.ok && lines - 1 === expectedRows, `${lines - 1} data lines for ${expectedRows} registrations`, 'B7')
}
