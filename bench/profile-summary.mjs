// Where an app process spent its CPU, from a V8 profile written by `pnpm bench --cpu-prof`:
//   node bench/profile-summary.mjs bench/node_modules/.cache/webinar-bench/<run>/profiles/<file>.cpuprofile [rows]
// Prints the functions with the most self time, self time per package (or app folder), and the app's functions by
// total time (with what they call). Open the same file in
// Chrome DevTools (Performance → Load profile) for the full flame chart.
import { readFileSync } from 'node:fs'

const [file, rowsArgument] = process.argv.slice(2)
if (!file) {
  console.error('usage: node bench/profile-summary.mjs <file.cpuprofile> [rows]')
  process.exit(2)
}
const rows = Number(rowsArgument ?? 25)
const profile = JSON.parse(readFileSync(file, 'utf8'))

// Self time per node: each sample names the node on top of the stack; time deltas say how long it was there.
const selfMs = new Map()
profile.samples.forEach((nodeId, index) => selfMs.set(nodeId, (selfMs.get(nodeId) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000))
const totalMs = [...selfMs.values()].reduce((sum, ms) => sum + ms, 0)

const ownerOf = (url) => {
  if (!url) return '(native / V8)'
  const marker = url.lastIndexOf('node_modules/')
  if (marker >= 0) {
    const parts = url.slice(marker + 'node_modules/'.length).split('/')
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]
  }
  const app = /(server\/src|shared\/src)\/([^/]+)/.exec(url)
  if (app) return `${app[1]}/${app[2]}`
  if (url.startsWith('node:')) return 'node (built-in)'
  return url
}

const byFunction = new Map()
const byOwner = new Map()
for (const node of profile.nodes) {
  const ms = selfMs.get(node.id) ?? 0
  if (ms === 0) continue
  const { functionName, url, lineNumber } = node.callFrame
  const name = `${functionName || '(anonymous)'} ${url ? `${url.replace(/^.*\/(node_modules|work\/main)\//, '')}:${lineNumber + 1}` : ''}`.trim()
  byFunction.set(name, (byFunction.get(name) ?? 0) + ms)
  const owner = ownerOf(url)
  byOwner.set(owner, (byOwner.get(owner) ?? 0) + ms)
}

// Total time (self and everything called) per function of the app and of the packages it calls directly: the
// outermost call on each stack counts, so recursion is not counted twice.
const nodesById = new Map(profile.nodes.map((node) => [node.id, node]))
const totalOf = new Map()
const subtreeMs = (node) => {
  if (totalOf.has(node.id)) return totalOf.get(node.id)
  let ms = selfMs.get(node.id) ?? 0
  for (const child of node.children ?? []) ms += subtreeMs(nodesById.get(child))
  totalOf.set(node.id, ms)
  return ms
}
const inclusive = new Map()
const walk = (node, active) => {
  const { functionName, url, lineNumber } = node.callFrame
  const isOurs = /server\/src\/|shared\/src\//.test(url)
  const key = isOurs ? `${functionName || '(anonymous)'} ${url.replace(/^.*\/work\/main\//, '')}:${lineNumber + 1}` : undefined
  const isOutermost = key !== undefined && !active.has(key)
  if (isOutermost) {
    inclusive.set(key, (inclusive.get(key) ?? 0) + subtreeMs(node))
    active.add(key)
  }
  for (const child of node.children ?? []) walk(nodesById.get(child), active)
  if (isOutermost) active.delete(key)
}
walk(profile.nodes[0], new Set())

const show = (title, map) => {
  console.log(`\n${title}`)
  for (const [name, ms] of [...map].sort((a, b) => b[1] - a[1]).slice(0, rows)) {
    console.log(`${ms.toFixed(0).padStart(8)} ms ${((ms / totalMs) * 100).toFixed(1).padStart(5)} %  ${name}`)
  }
}
console.log(`${file}: ${(totalMs / 1000).toFixed(1)} s sampled`)
show('Self time by function', byFunction)
show('Self time by package or app folder', byOwner)
show('Total time (with callees) by function of server/ and shared/', inclusive)
