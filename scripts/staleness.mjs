// Whether a build output is older than any of its sources (files or folders, walked whole): `pnpm start`, the
// browser tests and the benchmarks rebuild the web app and the server only when it is.
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'

function newestModification(entry) {
  if (!existsSync(entry)) return 0
  const stat = statSync(entry)
  if (!stat.isDirectory()) return stat.mtimeMs
  return Math.max(0, ...readdirSync(entry).map((name) => newestModification(path.join(entry, name))))
}

/** True when `built` is missing or a source was modified after it. */
export function isOlderThanSources(built, sources) {
  if (!existsSync(built)) return true
  return Math.max(...sources.map(newestModification)) > statSync(built).mtimeMs
}
