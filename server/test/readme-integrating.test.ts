import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findFreePort } from '../src/db/embedded-postgres.ts'
import { killAllServerProcesses, ownerRequest, setUpOwnerOver, startServerProcess, type ServerProcess } from './support/server-process.ts'
import { createTestDatabase, type TestDatabase } from './support/test-database.ts'
import { waitFor } from './support/wait-for.ts'

// The README's "Integrating" section, run as written: its shell blocks in order with bash (curl and jq) against the
// real server process, and its receiver.mjs as its own Node process verifying the signatures. Only the first block's
// placeholders (the server's address and the API key someone copied from the dashboard) are filled in.

const serverDir = path.resolve(import.meta.dirname, '..')
const readme = readFileSync(path.resolve(serverDir, '..', 'README.md'), 'utf8')

function integratingBlocks(): { language: string; code: string }[] {
  const start = readme.indexOf('## Integrating')
  const end = readme.indexOf('\n## ', start + 1)
  const section = readme.slice(start, end === -1 ? undefined : end)
  return [...section.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((match) => ({ language: match[1]!, code: match[2]! }))
}

let database: TestDatabase
let server: ServerProcess
let workDir: string
let script: { pid: number | undefined } | undefined

beforeAll(async () => {
  database = await createTestDatabase()
  // The receiver runs on this machine: the README says a local receiver needs the setting.
  server = await startServerProcess({ DATABASE_URL: database.url, WEBHOOK_ALLOW_PRIVATE_URLS: 'true' })
  // Under server/node_modules, so that receiver.mjs imports `standardwebhooks` as a reader's project would.
  await mkdir(path.join(serverDir, 'node_modules', '.cache'), { recursive: true })
  workDir = await mkdtemp(path.join(serverDir, 'node_modules', '.cache', 'readme-integrating-'))
}, 60_000)

afterAll(async () => {
  // The script's process group: bash and the receiver it left running.
  if (script?.pid) {
    try {
      process.kill(-script.pid, 'SIGTERM')
    } catch {
      // Already gone.
    }
  }
  await killAllServerProcesses()
  await database?.drop()
  if (workDir) await rm(workDir, { recursive: true, force: true })
})

describe('the README’s Integrating section', () => {
  it('runs as written: a webinar, an endpoint, a verifying receiver, registrations, the report and the CSV', async () => {
    const blocks = integratingBlocks()
    expect(blocks.map((block) => block.language)).toEqual(['sh', 'sh', 'sh', 'js', 'sh', 'sh', 'sh'])
    const [placeholders, ...rest] = blocks
    // The one block with values to fill in: these two, and nothing else.
    expect(placeholders!.code.trim().split('\n').map((line) => line.split('=')[0])).toEqual(['export BASE_URL', 'export API_KEY'])

    const cookie = await setUpOwnerOver(server.url)
    const { secret: apiKey } = await ownerRequest<{ secret: string }>(server.url, cookie, 'POST', '/api/api-keys', { name: 'README' })
    await writeFile(path.join(workDir, 'receiver.mjs'), rest.find((block) => block.language === 'js')!.code)
    const shell = rest.filter((block) => block.language === 'sh').map((block) => block.code).join('\n')

    let output = ''
    const child = spawn('bash', ['-euo', 'pipefail', '-c', shell], {
      cwd: workDir,
      // Its own process group, so the receiver it leaves running is stopped with it.
      detached: true,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, BASE_URL: server.url, API_KEY: apiKey, RECEIVER_PORT: String(await findFreePort()) },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    script = { pid: child.pid }
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
    // 'exit', not 'close': the receiver keeps the output open after bash is done.
    const exitCode = await new Promise<number | null>((resolve) => child.once('exit', resolve))
    expect(exitCode, output).toBe(0)

    expect(output).toContain(`Public page: ${server.url}/w/quarterly-product-update`)
    expect(output).toMatch(/"status": "approved"/)
    expect(output).toMatch(/"registered": 2/)
    const csv = await readFile(path.join(workDir, 'registrations.csv'), 'utf8')
    expect(csv.split('\r\n')[0]).toMatch(/^name,email,status,.*attended/)
    expect(csv).toContain('ada@example.com')

    // The receiver verified both registration.created events (it prints only what verifies).
    const received = await waitFor(async () => {
      const lines = output.split('\n').filter((line) => line.startsWith('registration.created '))
      return lines.length >= 2 ? lines : undefined
    }, 30_000)
    expect(received.map((line) => JSON.parse(line.split(' ').slice(2).join(' ')).email).sort()).toEqual(['ada@example.com', 'grace@example.com'])
  }, 90_000)
})
