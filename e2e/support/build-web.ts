import { createRequire } from 'node:module'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { isWebBuildStale } from '../../scripts/web-build.mjs'

const webRoot = path.resolve(import.meta.dirname, '../../web')

interface ViteJsApi {
  build: (config: { root: string; logLevel?: 'info' | 'warn' | 'error' | 'silent'; configFile?: string }) => Promise<unknown>
}

/**
 * Vitest global set-up of the browser tests: the app under test serves web/dist, so rebuild it when its
 * sources are newer (the same rule `pnpm start` uses), and never test a stale SPA.
 */
export default async function setup() {
  if (!isWebBuildStale()) return
  // Vite is the web package's dependency, not the root's: load the copy the web app builds with.
  const viteEntry = createRequire(path.join(webRoot, 'package.json')).resolve('vite')
  const { build } = (await import(pathToFileURL(viteEntry).href)) as ViteJsApi
  const startedAt = Date.now()
  await build({ root: webRoot, configFile: path.join(webRoot, 'vite.config.ts'), logLevel: 'warn' })
  console.log(`e2e: built the web app into web/dist in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`)
}
