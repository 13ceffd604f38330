// What a run found: every figure, every ratio, pass/fail per target and per correctness check, and the machine it
// ran on. Written as bench/results/latest.json (for tools) and latest.md (for people).
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { repoRoot } from './processes.ts'

export interface Target {
  scenario: string
  /** What the issue asks, in words. */
  target: string
  measured: string
  /** Measured ÷ baseline (or the figure the target compares), when the target is a ratio. */
  ratio?: number
  /** What the ratio must reach (≥), when there is one. */
  ratioTarget?: string
  /** null: could not be measured in this run (the reason is in `measured`). */
  pass: boolean | null
  /** Quick runs are smaller: a target judged on a projection or a smaller size says so. */
  note?: string
}

export interface Check {
  scenario: string
  check: string
  pass: boolean
  detail: string
}

export interface ScenarioReport {
  id: string
  title: string
  /** Figures as label → value (numbers rounded for reading; units in the label). */
  figures: Record<string, number | string>
  notes: string[]
  durationS: number
  /** Load average (1 min) before and after: how busy the machine was besides the bench. */
  loadBefore: number
  loadAfter: number
  error?: string
}

export interface Report {
  mode: 'full' | 'quick'
  startedAt: string
  durationS: number
  machine: { cpu: string; cores: number; memoryGiB: number; os: string; loadAverageAtStart: number[] }
  versions: { node: string; postgres: string; postgresSource: string }
  commit: { sha: string; isDirty: boolean; changedFiles: number }
  scenarios: ScenarioReport[]
  targets: Target[]
  checks: Check[]
}

function git(...args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
  } catch {
    return ''
  }
}

export function describeMachine(): Pick<Report, 'machine' | 'commit'> {
  const cpuInfo = (() => {
    try {
      return readFileSync('/proc/cpuinfo', 'utf8')
    } catch {
      return ''
    }
  })()
  const cpu = /^model name\s*:\s*(.+)$/m.exec(cpuInfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown'
  const changed = git('status', '--porcelain').split('\n').filter(Boolean)
  return {
    machine: {
      cpu,
      cores: os.availableParallelism(),
      memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
      os: `${os.type()} ${os.release()}`,
      loadAverageAtStart: os.loadavg().map((load) => Math.round(load * 100) / 100),
    },
    commit: { sha: git('rev-parse', 'HEAD') || 'unknown', isDirty: changed.length > 0, changedFiles: changed.length },
  }
}

const format = (value: number | string) => {
  if (typeof value === 'string') return value
  if (!Number.isFinite(value)) return String(value)
  if (Number.isInteger(value)) return value.toLocaleString('en-US')
  return Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 10 ? value.toFixed(1) : value.toFixed(2)
}
const verdict = (pass: boolean | null) => (pass === null ? 'not measured' : pass ? '**met**' : '**NOT met**')
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ')

export function toMarkdown(report: Report): string {
  const lines: string[] = []
  const { machine, versions, commit } = report
  lines.push(`# Benchmark results (${report.mode} run)`, '')
  lines.push(
    `Run ${report.startedAt}, ${format(report.durationS)} s in all. Commit \`${commit.sha.slice(0, 12)}\`${commit.isDirty ? ` with ${commit.changedFiles} uncommitted changes` : ''}.`,
    '',
  )
  lines.push(
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}; load average at the start ${machine.loadAverageAtStart.join(' / ')}. ` +
      `Node ${versions.node}, PostgreSQL ${versions.postgres} (${versions.postgresSource}).`,
    '',
  )
  if (report.mode === 'quick') {
    lines.push('> Quick run: every scenario at a smaller size. Targets that depend on size are judged on a projection or the smaller size, as each row says; `pnpm bench` gives the real figures.', '')
  }
  lines.push('## Targets', '', '| scenario | target | measured | ratio | verdict |', '| --- | --- | --- | --- | --- |')
  for (const target of report.targets) {
    const ratio = target.ratio !== undefined ? `${format(target.ratio)}${target.ratioTarget ? ` (needs ${target.ratioTarget})` : ''}` : ''
    lines.push(`| ${target.scenario} | ${cell(target.target)} | ${cell(target.measured + (target.note ? ` — ${target.note}` : ''))} | ${ratio} | ${verdict(target.pass)} |`)
  }
  lines.push('', '## Correctness checks', '', 'A failed check fails the run (exit code 1).', '', '| scenario | check | result | detail |', '| --- | --- | --- | --- |')
  for (const check of report.checks) {
    lines.push(`| ${check.scenario} | ${cell(check.check)} | ${check.pass ? 'pass' : '**FAIL**'} | ${cell(check.detail)} |`)
  }
  lines.push('', '## Figures', '')
  for (const scenario of report.scenarios) {
    lines.push(`### ${scenario.id}: ${scenario.title}`, '')
    lines.push(`${format(scenario.durationS)} s; load average ${format(scenario.loadBefore)} before, ${format(scenario.loadAfter)} after.`, '')
    if (scenario.error) lines.push(`**The scenario failed:** ${scenario.error}`, '')
    const figures = Object.entries(scenario.figures)
    if (figures.length > 0) {
      lines.push('| figure | value |', '| --- | --- |')
      for (const [label, value] of figures) lines.push(`| ${cell(label)} | ${cell(format(value))} |`)
      lines.push('')
    }
    for (const note of scenario.notes) lines.push(`- ${note}`)
    if (scenario.notes.length > 0) lines.push('')
  }
  return lines.join('\n')
}

export async function writeReport(report: Report): Promise<string> {
  const folder = path.join(import.meta.dirname, '..', 'results')
  await mkdir(folder, { recursive: true })
  await writeFile(path.join(folder, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`)
  await writeFile(path.join(folder, 'latest.md'), `${toMarkdown(report)}\n`)
  return folder
}
