import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { findFreePort } from '../server/src/db/embedded-postgres.ts'

// The real `pnpm start` path, as a newcomer runs it: embedded PostgreSQL in a fresh data directory,
// no DATABASE_URL, no Stream keys, no SMTP. Ctrl-C is simulated by SIGINT to the whole process group.

const root = path.resolve(import.meta.dirname, '..')
let dataDir: string
const started: ChildProcess[] = []

afterAll(async () => {
  for (const child of started) if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL')
  if (dataDir) await rm(dataDir, { recursive: true, force: true })
})

async function startProduct(port: number): Promise<{ child: ChildProcess; output: () => string }> {
  const env = { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info' }
  delete env.DATABASE_URL
  const child = spawn('pnpm', ['start'], { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
  started.push(child)
  let output = ''
  child.stdout!.on('data', (chunk) => (output += chunk))
  child.stderr!.on('data', (chunk) => (output += chunk))
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`pnpm start exited early:\n${output}`)
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined)
    if (ready?.status === 200) return { child, output: () => output }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(`not ready within 60 s:\n${output}`)
}

async function interrupt(child: ChildProcess): Promise<number> {
  const startedAt = Date.now()
  const exited = new Promise((resolve) => child.once('exit', resolve))
  process.kill(-child.pid!, 'SIGINT')
  await exited
  return Date.now() - startedAt
}

function postgresProcessesFor(directory: string): string {
  return spawnSync('pgrep', ['-af', `postgres.*${directory}`], { encoding: 'utf8' }).stdout.trim()
}

describe('pnpm start', () => {
  it('serves the setup page from a fresh data dir, stops cleanly on Ctrl-C, and keeps data across restarts', async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'webinar-smoke-'))
    const port = await findFreePort()

    const first = await startProduct(port)
    const page = await fetch(`http://127.0.0.1:${port}/setup`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<div id="root">')
    expect(await (await fetch(`http://127.0.0.1:${port}/api/setup`)).json()).toEqual({ needsSetup: true })
    const setup = await fetch(`http://127.0.0.1:${port}/api/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'smoke@example.com', name: 'Smoke Test', password: 'smoke test password' }),
    })
    expect(setup.status).toBe(201)

    const stopMs = await interrupt(first.child)
    expect(stopMs).toBeLessThan(5000)
    expect(postgresProcessesFor(dataDir)).toBe('')

    const second = await startProduct(port)
    expect(await (await fetch(`http://127.0.0.1:${port}/api/setup`)).json()).toEqual({ needsSetup: false })
    expect(await interrupt(second.child)).toBeLessThan(5000)
    expect(postgresProcessesFor(dataDir)).toBe('')
  })
})
