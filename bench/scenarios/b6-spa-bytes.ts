// B6: what the SPA's pages download. A production build of web/ (made by the bench into bench/node_modules/.cache/webinar-bench/web-dist, with
// source maps, unless it is already newer than every source; a quick run also takes web/dist when that is current),
// measured with lib/bundles.mjs: gzipped JavaScript on first load per page, whether Stream's SDK is in it, and
// what the first load is made of.
import { spawnSync } from 'node:child_process'
import { isOlderThanSources } from '../../scripts/staleness.mjs'
import path from 'node:path'
import { round, type Scenario } from '../lib/bench.ts'
import { cacheDir, repoRoot } from '../lib/processes.ts'
import { measureBundles } from '../lib/bundles.mjs'

const publicLimitKiB = 80

const sources = ['web/src', 'web/index.html', 'web/vite.config.ts', 'web/package.json', 'shared/src'].map((entry) => path.join(repoRoot, entry))

const isCurrent = (dist: string) => !isOlderThanSources(path.join(dist, '.vite/manifest.json'), sources)

const kib = (bytes: number) => `${round(bytes / 1024)} KB`

export const b6SpaBytes: Scenario = {
  id: 'B6',
  title: 'SPA bytes: gzipped JavaScript on first load per page',
  async run(bench, record) {
    const cache = path.join(cacheDir, 'web-dist')
    const webDist = path.join(repoRoot, 'web/dist')
    let dist = cache
    if (bench.isQuick && !isCurrent(cache) && isCurrent(webDist)) {
      dist = webDist
      record.note('Measured web/dist, which is newer than every source (no source maps there: no breakdown by package).')
    } else if (isCurrent(cache)) {
      record.note('Measured the bench\'s own build (in its cache), still newer than every source.')
    } else {
      const startedAt = performance.now()
      const build = spawnSync('pnpm', ['--filter', '@webinar/web', 'exec', 'vite', 'build', '--outDir', cache, '--emptyOutDir', '--sourcemap'], {
        cwd: repoRoot,
        encoding: 'utf8',
        env: { ...process.env, NODE_ENV: 'production' },
      })
      if (build.status !== 0) throw new Error(`the web build failed:\n${(build.stdout + build.stderr).slice(-2000)}`)
      record.figure('web build time (s)', round((performance.now() - startedAt) / 1000))
      record.note('Built web/ for this run into the bench\'s cache (production, with source maps for the breakdown).')
    }

    const routes = measureBundles(dist)
    for (const route of routes) {
      record.figure(
        `${route.route} (${route.label}): first load / lazy behind it (gzip)`,
        `${kib(route.firstLoadGzipBytes)} / ${kib(route.lazyGzipBytes)}; Stream SDK on first load: ${route.isStreamOnFirstLoad ? 'YES' : 'no'}, lazily: ${route.isStreamReachableLazily ? 'yes' : 'no'}`,
      )
      if (route.isPublic) {
        record.target({
          target: `${route.route} ≤ ${publicLimitKiB} KB gzipped JavaScript on first load, no Stream code`,
          measured: `${kib(route.firstLoadGzipBytes)}; Stream SDK on first load: ${route.isStreamOnFirstLoad ? 'yes' : 'no'}`,
          ratio: round(route.firstLoadGzipBytes / 1024 / publicLimitKiB, 2),
          ratioTarget: '≤ 1',
          pass: route.firstLoadGzipBytes <= publicLimitKiB * 1024 && !route.isStreamOnFirstLoad,
        })
        const chunks = route.firstLoadChunks.slice(0, 6).map((chunk) => `${path.basename(chunk.file)} ${kib(chunk.gzipBytes)}`)
        record.note(`${route.route}: largest first-load chunks (gzip): ${chunks.join(', ')}.`)
        if (route.firstLoadMinifiedByOwner) {
          const total = route.firstLoadMinifiedByOwner.reduce((sum, owner) => sum + owner.bytes, 0)
          const owners = route.firstLoadMinifiedByOwner.slice(0, 10).map((owner) => `${owner.owner} ${kib(owner.bytes)}`)
          record.note(`${route.route}: first load by package, minified (${kib(total)} in all): ${owners.join(', ')}.`)
        }
      } else {
        record.target({
          target: `${route.route} loads the Stream SDK on demand (not on first load, reachable lazily)`,
          measured: `first load ${kib(route.firstLoadGzipBytes)} without the SDK: ${route.isStreamOnFirstLoad ? 'no' : 'yes'}; SDK lazily: ${route.isStreamReachableLazily ? 'yes' : 'no'}`,
          pass: !route.isStreamOnFirstLoad && route.isStreamReachableLazily,
        })
      }
    }
  },
}
