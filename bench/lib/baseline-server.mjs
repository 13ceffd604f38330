// The baselines, in a process of their own as the app is: the same Fastify and pg the server uses (resolved from
// server/), nothing else. `GET /hello` is B2's hello-world; `POST /insert` is B1's and B4's "one INSERT per request
// through a pool of the app's size" (a JSON body parsed, one row written, its id answered); `GET /events` and
// `POST /broadcast` are B5's floor: a message written to every open event stream, nothing stored.
// Started by lib/processes.ts with fork(): it reports its address over IPC.
import { createRequire } from 'node:module'
import path from 'node:path'

const serverRequire = createRequire(path.resolve(import.meta.dirname, '../../server/package.json'))
const { default: Fastify } = await import(serverRequire.resolve('fastify'))
const { default: pg } = await import(serverRequire.resolve('pg'))

const databaseUrl = process.env.BASELINE_DATABASE_URL
const poolSize = Number(process.env.BASELINE_POOL_SIZE ?? 10)
const pool = databaseUrl ? new pg.Pool({ connectionString: databaseUrl, max: poolSize }) : undefined
if (pool) {
  await pool.query(`create table if not exists bench_baseline_rows (
    id bigserial primary key,
    name text not null,
    email text not null,
    created_at timestamptz not null default now()
  )`)
}

const app = Fastify({ logger: false })
app.get('/hello', async () => ({ hello: 'world' }))
app.post('/insert', async (request, reply) => {
  const { name, email } = request.body ?? {}
  const { rows } = await pool.query('insert into bench_baseline_rows (name, email) values ($1, $2) returning id', [String(name), String(email)])
  return reply.status(201).send({ id: rows[0].id })
})
const streams = new Set()
let lastEventId = 0
app.get('/events', (request, reply) => {
  reply.hijack()
  reply.raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' })
  reply.raw.write('retry: 2000\n\n')
  streams.add(reply.raw)
  request.raw.on('close', () => streams.delete(reply.raw))
})
app.post('/broadcast', async (request, reply) => {
  const event = `id: ${++lastEventId}\nevent: chat.message\ndata: ${JSON.stringify({ body: String(request.body?.body) })}\n\n`
  for (const stream of streams) stream.write(event)
  return reply.status(201).send({ streams: streams.size })
})
const url = await app.listen({ port: 0, host: '127.0.0.1' })
process.send?.({ url })

process.on('message', async ({ command }) => {
  if (command === 'stop') {
    for (const stream of streams) stream.end()
    await app.close()
    await pool?.end()
    process.exit(0)
  }
})
