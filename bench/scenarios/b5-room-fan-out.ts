// B5: the room's fan-out across instances. Two app instances on one database; 2,000 attendees, each with a room
// ticket of their own, hold the room's event stream (SSE) open, half on each instance. The host posts 20 chat
// messages on the first instance, one after another; every attendee must receive each exactly once, and the delay
// from sending to receipt is measured per instance. The same readers first measure a bare server that only writes
// each message to every stream: the floor, which includes the bench's own reading of 2,000 streams on one core.
import http from 'node:http'
import { randomBytes } from 'node:crypto'
import { createWebinar, inPool, onInstance, setUpOwner, startWebinar } from '../lib/api.ts'
import { round, sleep, waitUntil, type Scenario } from '../lib/bench.ts'
import { startBaselineServer } from '../lib/processes.ts'
import { seedRegistrations } from '../lib/seed.ts'
import { quantiles } from '../lib/stats.ts'

const deliveryP99LimitMs = 200

interface Listener {
  instance: string
  /** Message body → receipt times (more than one is a duplicate). */
  receipts: Map<string, number[]>
  /** Times the server ended the stream and the client connected again, as EventSource does. */
  reconnects: number
  close: () => void
}

/**
 * One attendee's event stream, read with node:http and as little work as possible per event. Like the browser's
 * EventSource, it connects again when the server ends the stream (after the `retry:` the server asked for), sending
 * `Last-Event-ID` so that what it missed is replayed: a message is lost only if it never arrives.
 */
function listen(url: string, instance: string, agent: http.Agent): Promise<Listener> {
  const listener: Listener = { instance, receipts: new Map(), reconnects: 0, close: () => {} }
  let lastEventId: string | undefined
  let retryMs = 2000
  let isClosing = false
  const connect = (onOpen: () => void, onRefused: (error: Error) => void) => {
    const request = http.get(url, { agent, headers: { accept: 'text/event-stream', ...(lastEventId ? { 'last-event-id': lastEventId } : {}) } }, (response) => {
      if (response.statusCode !== 200) {
        response.resume()
        onRefused(new Error(`event stream answered ${response.statusCode}`))
        return
      }
      response.setEncoding('utf8')
      let buffer = ''
      response.on('data', (chunk: string) => {
        const at = performance.now()
        buffer += chunk
        let boundary: number
        while ((boundary = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, boundary)
          buffer = buffer.slice(boundary + 2)
          if (block.startsWith('retry: ')) retryMs = Number(block.slice(7)) || retryMs
          const id = /^id: (.*)$/m.exec(block)?.[1]
          if (id) lastEventId = id
          if (!block.includes('event: chat.message')) continue
          const data = block.slice(block.indexOf('data: ') + 6)
          const body = (JSON.parse(data) as { body: string }).body
          const times = listener.receipts.get(body)
          if (times) times.push(at)
          else listener.receipts.set(body, [at])
        }
      })
      response.on('error', () => {})
      response.on('close', () => {
        if (isClosing) return
        listener.reconnects++
        setTimeout(() => {
          if (!isClosing) connect(() => {}, () => {})
        }, retryMs)
      })
      onOpen()
    })
    request.on('error', onRefused)
    listener.close = () => {
      isClosing = true
      request.destroy()
    }
  }
  return new Promise((resolve, reject) => connect(() => resolve(listener), reject))
}

/**
 * Posts a warm-up message, then `count` messages one after another (each once every listener has it, or after 10 s), then counts, per
 * listener and message, the delay from the post to the first receipt, and what never came or came twice.
 */
async function broadcastRounds(listeners: Listener[], count: number, post: (body: string) => Promise<boolean>) {
  const nonce = randomBytes(4).toString('hex')
  // One message first, not measured: the first pass through any path pays for the JIT.
  const warmUp = `bench ${nonce} warm-up`
  await post(warmUp)
  await waitUntil(async () => listeners.every((listener) => listener.receipts.has(warmUp)), 10_000, 5)
  await sleep(200)
  const sentAt = new Map<string, number>()
  let failedPosts = 0
  for (let index = 0; index < count; index++) {
    const body = `bench ${nonce} #${index}`
    sentAt.set(body, performance.now())
    if (!(await post(body))) failedPosts++
    await waitUntil(async () => listeners.every((listener) => listener.receipts.has(body)), 10_000, 5)
    await sleep(200)
  }
  // Late copies, if any, before counting.
  await sleep(1000)
  const latencies = new Map<string, number[]>()
  let lost = 0
  let duplicates = 0
  for (const listener of listeners) {
    if (!latencies.has(listener.instance)) latencies.set(listener.instance, [])
    for (const [body, sent] of sentAt) {
      const times = listener.receipts.get(body)
      if (!times) {
        lost++
        continue
      }
      latencies.get(listener.instance)!.push(times[0]! - sent)
      duplicates += times.length - 1
    }
  }
  return { latencies, lost, duplicates, failedPosts, expected: listeners.length * count }
}

export const b5RoomFanOut: Scenario = {
  id: 'B5',
  title: 'Room fan-out: SSE clients over two API instances on one database',
  async run(bench, record) {
    const sizes = bench.isQuick ? { clients: 400, messages: 10 } : { clients: 2_000, messages: 20 }
    const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity })

    // The floor: the same readers, split over two bare Fastify servers as over the two instances, each writing every
    // message to its streams (posted to both at once).
    const floors = await Promise.all([startBaselineServer(undefined, 1), startBaselineServer(undefined, 1)])
    try {
      const readers = await inPool(Array.from({ length: sizes.clients }), 50, (_, index) => listen(`${floors[index % 2]!.ready.url}/events`, 'baseline', agent))
      const floor = await broadcastRounds(readers, sizes.messages, async (body) => {
        const answers = await Promise.all(
          floors.map(async (server) => {
            const response = await fetch(`${server.ready.url}/broadcast`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ body }) })
            await response.arrayBuffer()
            return response.ok
          }),
        )
        return answers.every(Boolean)
      })
      for (const reader of readers) reader.close()
      const latency = quantiles(floor.latencies.get('baseline') ?? [])
      record.figure(
        `baseline: ${sizes.clients} streams over two bare Fastify servers, p50 / p90 / p99 / max (ms)`,
        `${round(latency.p50)} / ${round(latency.p90)} / ${round(latency.p99)} / ${round(latency.max)}`,
      )
      record.note('The baseline is the floor of the measurement itself: the same readers, in the bench process, on two servers that only write each message to every stream.')
    } finally {
      await Promise.all(floors.map((server) => server.stop()))
    }

    const databaseUrl = await bench.database.createDatabase('b5')
    const pool = bench.openPool(databaseUrl)
    const [appA, appB] = await Promise.all([bench.startApp('b5-app-a', databaseUrl), bench.startApp('b5-app-b', databaseUrl)])
    const owner = await setUpOwner(appA!.url)
    const webinar = await createWebinar(owner, { title: 'B5 room' })
    await startWebinar(owner, webinar.id)
    const seeded = await seedRegistrations(pool, webinar.id, sizes.clients, { prefix: 'b5', joinTokens: bench.joinTokens })

    // Each attendee asks for a ticket on the instance they will stream from, as a browser behind a balancer would.
    const instanceOf = (index: number) => (index % 2 === 0 ? { name: 'A' as const, app: appA! } : { name: 'B' as const, app: appB! })
    const ticketsAt = performance.now()
    const tickets = await inPool(seeded.tokens, 20, async (token, index) => {
      const response = await fetch(`${instanceOf(index).app.url}/api/join/${token}/room-ticket`, { method: 'POST' })
      if (!response.ok) throw new Error(`room ticket answered ${response.status}: ${await response.text()}`)
      return ((await response.json()) as { ticket: string }).ticket
    })
    record.figure(`${sizes.clients} room tickets, 20 at a time (s)`, round((performance.now() - ticketsAt) / 1000))
    const openedAt = performance.now()
    const listeners = await inPool(tickets, 50, (ticket, index) =>
      listen(`${instanceOf(index).app.url}/api/rooms/${webinar.id}/events?ticket=${encodeURIComponent(ticket)}`, instanceOf(index).name, agent),
    )
    // Opening a stream records the attendee's presence, and each instance checks its attendees' admissions every
    // 5 s: past one such check (and a reconnect's 2 s), the messages meet streams that are all settled.
    record.figure(`opening ${sizes.clients} event streams (s)`, round((performance.now() - openedAt) / 1000))
    await sleep(8000)
    record.figure('API RSS with the streams open: A / B (MiB)', `${round(appA!.rssMiB())} / ${round(appB!.rssMiB())}`)

    const host = onInstance(owner, appA!.url)
    const fanOut = await broadcastRounds(listeners, sizes.messages, async (body) => {
      const response = await fetch(`${host.url}/api/rooms/${webinar.id}/chat`, {
        method: 'POST',
        headers: { ...host.headers, 'content-type': 'application/json' },
        body: JSON.stringify({ body }),
      })
      await response.arrayBuffer()
      return response.ok
    })
    const reconnects = listeners.reduce((sum, listener) => sum + listener.reconnects, 0)
    const reconnected = listeners.filter((listener) => listener.reconnects > 0).length
    for (const listener of listeners) listener.close()
    agent.destroy()
    record.figure('streams the server ended while the attendee was still admitted (the client reconnected with Last-Event-ID)', `${reconnects} (${reconnected} attendees)`)

    record.figure('clients (A / B)', `${listeners.filter((listener) => listener.instance === 'A').length} / ${listeners.filter((listener) => listener.instance === 'B').length}`)
    record.figure('messages posted by the host on A', sizes.messages)
    for (const instance of ['A', 'B'] as const) {
      const latency = quantiles(fanOut.latencies.get(instance) ?? [])
      record.figure(
        `delivery on ${instance}${instance === 'A' ? ' (where the host posts)' : ' (through LISTEN/NOTIFY)'}: p50 / p90 / p99 / max (ms)`,
        `${round(latency.p50)} / ${round(latency.p90)} / ${round(latency.p99)} / ${round(latency.max)}`,
      )
      record.target({
        target: `p99 delivery < ${deliveryP99LimitMs} ms on instance ${instance}`,
        measured: `p99 ${round(latency.p99)} ms (p50 ${round(latency.p50)}) over ${latency.count} deliveries`,
        pass: latency.count > 0 && latency.p99 < deliveryP99LimitMs,
        ...(bench.isQuick ? { note: `quick: ${sizes.clients} clients` } : {}),
      })
    }
    record.check('every message posted (201)', fanOut.failedPosts === 0, `${sizes.messages - fanOut.failedPosts} of ${sizes.messages}`)
    record.check('no message lost', fanOut.lost === 0, `${fanOut.expected - fanOut.lost} of ${fanOut.expected} deliveries`)
    record.check('no message delivered twice', fanOut.duplicates === 0, `${fanOut.duplicates} duplicates`)
    record.check(
      'no admitted attendee\'s stream ended by the server',
      reconnects === 0,
      reconnects === 0
        ? 'none'
        : `${reconnects} streams of approved attendees ended by the server within seconds of opening; an EventSource reconnects, without Last-Event-ID if nothing came yet, so a message sent meanwhile never reaches it`,
    )
  },
}
