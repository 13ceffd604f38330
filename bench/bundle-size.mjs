// What each page downloads, in gzipped JavaScript: follows web/dist/.vite/manifest.json from the entry through a
// route's chunk and its static imports (what the browser fetches before the page can render), then reports the
// lazily imported chunks behind it separately. Run after `cd web && npx vite build`:
//   node bench/bundle-size.mjs
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'

const dist = path.resolve(import.meta.dirname, '../web/dist')
const manifest = JSON.parse(readFileSync(path.join(dist, '.vite/manifest.json'), 'utf8'))

const routes = [
  { label: '/w/:slug (public registration)', source: 'src/app/routes/public/webinar-registration.tsx' },
  { label: '/join/:token/room (attendee room)', source: 'src/app/routes/join-room.tsx' },
  { label: '/studio/:webinarId (host studio)', source: 'src/app/routes/studio.tsx' },
]
const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry)
const gzipSize = (file) => gzipSync(readFileSync(path.join(dist, file))).length
// Recognised by content, not by name: the SDK's coordinator host appears in its code whatever the chunk is called.
const isStreamChunk = (file) => readFileSync(path.join(dist, file), 'utf8').includes('getstream.io')

/** Static closure of chunks from the given manifest keys. */
function staticClosure(keys) {
  const seen = new Set()
  const visit = (key) => {
    if (seen.has(key) || !manifest[key]) return
    seen.add(key)
    for (const next of manifest[key].imports ?? []) visit(next)
  }
  keys.forEach(visit)
  return seen
}

/** Everything reachable later through dynamic imports (React.lazy, hls.js), minus what was already loaded. */
function lazyClosure(loaded) {
  const lazy = new Set()
  const queue = [...loaded]
  while (queue.length > 0) {
    const key = queue.shift()
    for (const next of manifest[key]?.dynamicImports ?? []) {
      // The entry's own dynamic imports are every other route: not part of this page.
      if (key === entryKey) continue
      for (const reached of staticClosure([next])) {
        if (!loaded.has(reached) && !lazy.has(reached)) {
          lazy.add(reached)
          queue.push(reached)
        }
      }
    }
  }
  return lazy
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`
const rows = []
for (const route of routes) {
  if (!manifest[route.source]) throw new Error(`${route.source} is not in the manifest: was the route renamed?`)
  const loaded = staticClosure([entryKey, route.source])
  const lazy = lazyClosure(loaded)
  const files = (keys) => [...keys].map((key) => manifest[key].file).filter((file) => file.endsWith('.js'))
  const initial = files(loaded).reduce((sum, file) => sum + gzipSize(file), 0)
  const later = files(lazy).reduce((sum, file) => sum + gzipSize(file), 0)
  rows.push({
    route: route.label,
    'JS on first load (gzip)': kb(initial),
    'lazy JS behind it (gzip)': kb(later),
    'Stream SDK on first load': files(loaded).some(isStreamChunk) ? 'YES' : 'no',
    'Stream SDK reachable lazily': files(lazy).some(isStreamChunk) ? 'yes' : 'no',
  })
}
console.table(rows)
