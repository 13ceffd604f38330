import { buildWebIfStale } from '../../scripts/web-build.mjs'

/**
 * The app under test serves web/dist, so rebuild it when its sources are newer (the same rule and the same
 * production build as `pnpm start`), never testing a stale SPA.
 */
export function buildWeb(): void {
  const startedAt = Date.now()
  if (buildWebIfStale({ log: () => {} })) {
    console.log(`e2e: built the web app into web/dist in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`)
  }
}
