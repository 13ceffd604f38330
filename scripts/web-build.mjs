// Decides whether the SPA in web/dist is older than its sources, and rebuilds it when it is.
// Used by `pnpm start` and by the browser tests, so both always serve the current web app.
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { isOlderThanSources } from './staleness.mjs'

const root = path.resolve(import.meta.dirname, '..')
const web = path.join(root, 'web')
const builtIndex = path.join(web, 'dist', 'index.html')
const sources = [path.join(web, 'src'), path.join(web, 'index.html'), path.join(web, 'vite.config.ts'), path.join(root, 'shared', 'src')]

export function isWebBuildStale() {
  return isOlderThanSources(builtIndex, sources)
}

export function buildWebIfStale({ log = console.log } = {}) {
  if (!isWebBuildStale()) return false
  log('Building the web app (web/dist)…')
  // Always a production build, even when called from a test run (NODE_ENV=test makes Vite build for development).
  const result = spawnSync('pnpm', ['--filter', '@webinar/web', 'build'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  })
  if (result.status !== 0) throw new Error('The web app did not build: see the output above.')
  return true
}
