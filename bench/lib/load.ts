// The load generator: autocannon's programmatic API, run in the bench process (never in the app's). Every response's
// status and latency are recorded here as well, at full precision, so quantiles are exact and each request can be
// told apart (a tag set by the request's own onResponse, called by autocannon right before its 'response' event).
import autocannon from 'autocannon'
import { quantiles, type Quantiles } from './stats.ts'

export interface LoadOptions {
  url: string
  connections: number
  /** Seconds to run; or a fixed number of requests with `amount`. */
  durationS?: number
  amount?: number
  requests: autocannon.Request[]
  /** Per request, a name for its kind (e.g. which route), read after its onResponse ran. */
  currentTag?: () => string
}

export interface LoadResult {
  requests: number
  durationS: number
  /** Completed requests per second over the whole run. */
  rps: number
  latencyMs: Quantiles
  /** Latency of the 2xx answers only (refusals are often much faster). */
  okLatencyMs: Quantiles
  byTag: Record<string, Quantiles>
  statuses: Record<string, number>
  non2xx: number
  errors: number
  timeouts: number
  /** Seconds from the start to the last 2xx answer, and how many there were. */
  okCount: number
  lastOkAtS: number
  /** Seconds from the start to the first answer that was not 2xx (0 when all were), and the 2xx answers before it. */
  firstRefusalAtS: number
  okBeforeFirstRefusal: number
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = []
  const okLatencies: number[] = []
  const tagged = new Map<string, number[]>()
  const statuses: Record<string, number> = {}
  let okCount = 0
  let lastOkAt = 0
  let firstRefusalAt = 0
  let okBeforeFirstRefusal = 0
  const startedAt = performance.now()
  // Without a callback, autocannon returns its instance (an EventEmitter) that is also a promise of the result.
  const instance = autocannon({
    url: options.url,
    connections: options.connections,
    pipelining: 1,
    timeout: 30,
    ...(options.amount !== undefined ? { amount: options.amount } : { duration: options.durationS ?? 10 }),
    requests: options.requests,
  }) as unknown as autocannon.Instance & Promise<autocannon.Result>
  instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    latencies.push(responseTime)
    statuses[statusCode] = (statuses[statusCode] ?? 0) + 1
    if (statusCode >= 200 && statusCode < 300) {
      okLatencies.push(responseTime)
      okCount++
      lastOkAt = performance.now()
      if (firstRefusalAt === 0) okBeforeFirstRefusal++
    } else if (firstRefusalAt === 0) {
      firstRefusalAt = performance.now()
    }
    if (options.currentTag) {
      const tag = options.currentTag()
      if (!tagged.has(tag)) tagged.set(tag, [])
      tagged.get(tag)!.push(responseTime)
    }
  })
  const result = await instance
  const durationS = (performance.now() - startedAt) / 1000
  return {
    requests: latencies.length,
    durationS,
    rps: latencies.length / durationS,
    latencyMs: quantiles(latencies),
    okLatencyMs: quantiles(okLatencies),
    byTag: Object.fromEntries([...tagged].map(([tag, values]) => [tag, quantiles(values)])),
    statuses,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    okCount,
    lastOkAtS: okCount > 0 ? (lastOkAt - startedAt) / 1000 : 0,
    firstRefusalAtS: firstRefusalAt > 0 ? (firstRefusalAt - startedAt) / 1000 : 0,
    okBeforeFirstRefusal,
  }
}

/** "201 × 5000, 429 × 12" */
export const describeStatuses = (statuses: Record<string, number>) =>
  Object.entries(statuses)
    .map(([status, count]) => `${status} × ${count}`)
    .join(', ')
