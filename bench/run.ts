// `pnpm bench` runs every scenario (B1–B7) at full size; `pnpm bench --quick` a small version of each.
//   --only=B2,B4   just those scenarios (B7's figures come with B1 and B2)
//   --cpu-prof     the app processes write V8 CPU profiles into bench/node_modules/.cache/webinar-bench/<run>/profiles
// Writes bench/results/latest.md and latest.json; exits 1 when a correctness check fails or a scenario breaks.
import { randomBytes } from 'node:crypto'
import { mkdir, readdir, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { createJoinTokens } from '../server/src/join/join-token.ts'
import { scenarioResources, type Bench, type Scenario } from './lib/bench.ts'
import { startDatabaseServer } from './lib/database.ts'
import { cacheDir, startSmtpSink, startStreamEmulator } from './lib/processes.ts'
import { describeMachine, writeReport, type Check, type Report, type ScenarioReport, type Target } from './lib/report.ts'
import { b1Registrations } from './scenarios/b1-registrations.ts'
import { b2JoinStorm } from './scenarios/b2-join-storm.ts'
import { b3Start } from './scenarios/b3-start.ts'
import { b4Webhooks } from './scenarios/b4-webhooks.ts'
import { b5RoomFanOut } from './scenarios/b5-room-fan-out.ts'
import { b6SpaBytes } from './scenarios/b6-spa-bytes.ts'

const scenarios: Scenario[] = [b1Registrations, b2JoinStorm, b3Start, b4Webhooks, b5RoomFanOut, b6SpaBytes]

const args = process.argv.slice(2)
const isQuick = args.includes('--quick')
const only = args
  .find((arg) => arg.startsWith('--only='))
  ?.slice('--only='.length)
  .toUpperCase()
  .split(',')
const isProfiling = args.includes('--cpu-prof')
const unknown = args.filter((arg) => arg !== '--quick' && arg !== '--cpu-prof' && !arg.startsWith('--only='))
if (unknown.length > 0) {
  console.error(`Unknown option ${unknown.join(' ')}. Options: --quick, --only=B1,B2, --cpu-prof`)
  process.exit(2)
}

const startedAt = new Date()
const runIdPrefixOf = (moment: Date) => moment.toISOString().slice(0, 19).replace(/[-:T]/g, '')
const runId = `${runIdPrefixOf(startedAt)}_${randomBytes(2).toString('hex')}`
const workDir = path.join(cacheDir, runId)
const logDir = path.join(workDir, 'logs')
const cpuProfileDir = isProfiling ? path.join(workDir, 'profiles') : undefined
await mkdir(logDir, { recursive: true })
// Logs and profiles of the last few runs are kept; older ones go, but never one started in the last hour: a run
// going on meanwhile in another terminal still writes into its folder.
const earlierRuns = (await readdir(cacheDir)).filter((name) => /^\d{14}_[0-9a-f]{4}$/.test(name) && name !== runId).sort()
const anHourAgo = runIdPrefixOf(new Date(startedAt.getTime() - 3600_000))
for (const name of earlierRuns.slice(0, -4).filter((candidate) => candidate < anHourAgo)) await rm(path.join(cacheDir, name), { recursive: true, force: true })
if (cpuProfileDir) await mkdir(cpuProfileDir, { recursive: true })
const log = (message: string) => console.log(`[bench ${((performance.now() - runStartedAt) / 1000).toFixed(1).padStart(6)} s] ${message}`)
const runStartedAt = performance.now()

log(`${isQuick ? 'quick' : 'full'} run ${runId}; app logs in ${path.relative(process.cwd(), logDir)}`)
const machine = describeMachine()
const database = await startDatabaseServer(runId)
log(`PostgreSQL ${database.version} (${database.kind})`)
const sessionSecret = randomBytes(48).toString('base64url')
const streamKeys = { apiKey: `bench${randomBytes(4).toString('hex')}`, apiSecret: randomBytes(32).toString('hex') }
const emulator = await startStreamEmulator(streamKeys)
const smtp = await startSmtpSink()
const base: Omit<Bench, 'startApp' | 'openPool'> = {
  isQuick,
  database,
  emulator,
  smtp,
  streamKeys,
  sessionSecret,
  joinTokens: createJoinTokens(sessionSecret),
  logDir,
}

const reports: ScenarioReport[] = []
const targets: Target[] = []
const checks: Check[] = []
for (const scenario of scenarios.filter((candidate) => !only || only.includes(candidate.id))) {
  const report: ScenarioReport = { id: scenario.id, title: scenario.title, figures: {}, notes: [], durationS: 0, loadBefore: os.loadavg()[0]!, loadAfter: 0 }
  reports.push(report)
  log(`${scenario.id}: ${scenario.title}`)
  const scenarioStartedAt = performance.now()
  const { bench, release } = scenarioResources(base, cpuProfileDir ? { cpuProfileDir } : {})
  try {
    await scenario.run(bench, {
      figure: (label, value) => {
        report.figures[label] = value
        log(`  ${label}: ${value}`)
      },
      note: (text) => report.notes.push(text),
      target: ({ scenario: scenarioId, ...target }) => {
        targets.push({ scenario: scenarioId ?? scenario.id, ...target })
        log(`  target ${target.pass === null ? '?' : target.pass ? 'met' : 'NOT met'}: ${target.target} — ${target.measured}`)
      },
      check: (check, pass, detail, scenarioId) => {
        checks.push({ scenario: scenarioId ?? scenario.id, check, pass, detail })
        log(`  check ${pass ? 'pass' : 'FAIL'}: ${check} — ${detail}`)
      },
    })
  } catch (error) {
    report.error = error instanceof Error ? (error.stack ?? error.message) : String(error)
    checks.push({ scenario: scenario.id, check: 'the scenario runs to the end', pass: false, detail: error instanceof Error ? error.message : String(error) })
    log(`  ${scenario.id} FAILED: ${report.error}`)
  } finally {
    await release()
    await database.dropCreated()
  }
  report.durationS = Math.round((performance.now() - scenarioStartedAt) / 100) / 10
  report.loadAfter = os.loadavg()[0]!
  log(`${scenario.id} done in ${report.durationS} s`)
}

await smtp.stop()
await emulator.stop()
await database.stop()

const result: Report = {
  mode: isQuick ? 'quick' : 'full',
  startedAt: startedAt.toISOString(),
  durationS: Math.round((performance.now() - runStartedAt) / 100) / 10,
  ...machine,
  versions: { node: process.version, postgres: database.version, postgresSource: database.kind === 'embedded' ? 'embedded' : 'DATABASE_URL' },
  scenarios: reports,
  targets,
  checks,
}
const folder = await writeReport(result)
const met = targets.filter((target) => target.pass === true).length
const failedChecks = checks.filter((check) => !check.pass)
log(`done in ${result.durationS} s: ${met} of ${targets.length} targets met, ${checks.length - failedChecks.length} of ${checks.length} checks passed`)
log(`results: ${path.relative(process.cwd(), path.join(folder, 'latest.md'))}${cpuProfileDir ? `; CPU profiles: ${path.relative(process.cwd(), cpuProfileDir)}` : ''}`)
process.exit(failedChecks.length > 0 ? 1 : 0)
