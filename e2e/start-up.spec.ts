import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { chmod, mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { findFreePort } from '../server/src/db/embedded-postgres.ts'
import { expect, test } from './support/fixtures.ts'

// The real `pnpm start` path, as a newcomer runs it: embedded PostgreSQL in a fresh data directory,
// no DATABASE_URL, no Stream keys, no SMTP. Ctrl-C is simulated as a terminal sends it: SIGINT to the
// process group of `pnpm` (which runs the app in a group of its own and forwards the signal). No browser.

test.use({ testFile: import.meta.url })

const root = path.resolve(import.meta.dirname, '..')
const dataDirs: string[] = []
const started: ChildProcess[] = []

test.afterAll(async () => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) await interrupt(child, 10_000).catch(() => {})
  for (const child of started) if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL')
  for (const directory of dataDirs) await rm(directory, { recursive: true, force: true })
})

/**
 * A data directory the embedded PostgreSQL can reach: run as root, it runs as the `postgres` user, and
 * mkdtemp's folder is mode 700 (the app would rightly refuse it, see the last test).
 */
async function newDataDir(): Promise<string> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'webinar-smoke-'))
  dataDirs.push(directory)
  await chmod(directory, 0o755)
  return directory
}

function spawnProduct(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env }
  delete childEnv.DATABASE_URL
  const child = spawn('pnpm', ['start'], { cwd: root, env: childEnv, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
  started.push(child)
  let output = ''
  child.stdout!.on('data', (chunk) => (output += chunk))
  child.stderr!.on('data', (chunk) => (output += chunk))
  return { child, output: () => output }
}

async function startProduct(dataDir: string, port: number): Promise<{ child: ChildProcess; output: () => string }> {
  const product = spawnProduct({ DATA_DIR: dataDir, PORT: String(port) })
  const deadline = Date.now() + 60_000
  while (Date.now() < deadline) {
    if (product.child.exitCode !== null) throw new Error(`pnpm start exited early:\n${product.output()}`)
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined)
    if (ready?.status === 200) return product
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(`not ready within 60 s:\n${product.output()}`)
}

function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode)
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)))
}

async function interrupt(child: ChildProcess, timeoutMs = 15_000): Promise<{ stopMs: number; exitCode: number | null }> {
  const startedAt = Date.now()
  const exited = exitOf(child)
  process.kill(-child.pid!, 'SIGINT')
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`still running ${timeoutMs} ms after SIGINT`)), timeoutMs).unref())
  const exitCode = await Promise.race([exited, timeout])
  return { stopMs: Date.now() - startedAt, exitCode }
}

function postgresProcessesFor(directory: string): string {
  return spawnSync('pgrep', ['-af', `postgres.*${directory}`], { encoding: 'utf8' }).stdout.trim()
}

test.describe('pnpm start', () => {
  test('serves the setup page from a fresh data dir, stops cleanly on Ctrl-C, and keeps data across restarts', async () => {
    const dataDir = await newDataDir()
    const port = await findFreePort()

    const first = await startProduct(dataDir, port)
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

    const { stopMs } = await interrupt(first.child)
    expect(stopMs).toBeLessThan(5000)
    expect(postgresProcessesFor(dataDir)).toBe('')

    const second = await startProduct(dataDir, port)
    expect(await (await fetch(`http://127.0.0.1:${port}/api/setup`)).json()).toEqual({ needsSetup: false })
    expect((await interrupt(second.child)).stopMs).toBeLessThan(5000)
    expect(postgresProcessesFor(dataDir)).toBe('')
  })

  test('on Ctrl-C exits with code 0 and says so in a line or two, without database errors', async () => {
    const dataDir = await newDataDir()
    const port = await findFreePort()
    const product = await startProduct(dataDir, port)
    // A room's LISTEN connection and pg-boss's pool are open by now; their clients would report a
    // database that stopped under them.
    await new Promise((resolve) => setTimeout(resolve, 500))

    const outputBefore = product.output().length
    const { exitCode } = await interrupt(product.child)
    const linesAfter = product.output().slice(outputBefore).split('\n').filter((line) => line.trim() !== '')

    expect(exitCode, linesAfter.join('\n')).toBe(0)
    expect(linesAfter.length, linesAfter.join('\n')).toBeLessThan(10)
    expect(linesAfter.join('\n')).not.toMatch(/terminating connection|Connection terminated|ELIFECYCLE/)
    expect(postgresProcessesFor(dataDir)).toBe('')
  })

  test('run as root with a DATA_DIR the postgres user cannot reach, says what to do instead of crashing', async () => {
    test.skip(process.getuid?.() !== 0, 'only root can be refused this way')
    const privateFolder = await mkdtemp(path.join(os.tmpdir(), 'webinar-private-'))
    dataDirs.push(privateFolder)
    const product = spawnProduct({ DATA_DIR: path.join(privateFolder, '.data'), PORT: String(await findFreePort()) })

    expect(await exitOf(product.child)).toBe(1)
    const output = product.output()
    expect(output).toContain(`cannot reach ${path.join(privateFolder, '.data', 'postgres')}: ${privateFolder} is mode 700`)
    expect(output).toContain('Set DATA_DIR to a folder it can reach')
    expect(output).not.toMatch(/EACCES|\n\s+at /)
  })
})
