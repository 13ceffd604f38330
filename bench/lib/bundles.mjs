// What each page downloads, in gzipped JavaScript: follows the build's .vite/manifest.json from the entry through a
// route's chunk and its static imports (what the browser fetches before the page can render), and reports the lazily
// imported chunks behind it separately. The entry starts one of two apps (web/src/main.tsx): the small public app
// for a registrant's first pages, the app for every other page, which it imports before the page's own chunk; that
// app's shell and its static imports count for its pages too. With source maps beside the chunks, each first-load chunk's minified bytes
// are also attributed to the packages (or app folders) they came from.
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'

const appShell = 'src/app/app.tsx'

export const measuredRoutes = [
  { route: '/w/:slug', label: 'public registration page', source: 'src/app/routes/public/webinar-registration.tsx', isPublic: true },
  { route: '/join/:token', label: 'personal page', source: 'src/app/routes/join/join.tsx', isPublic: true },
  { route: '/join/:token/room', label: 'attendee room', source: 'src/app/routes/join-room.tsx', shell: appShell, isPublic: false },
  { route: '/studio/:webinarId', label: 'host studio', source: 'src/app/routes/studio.tsx', shell: appShell, isPublic: false },
]

const base64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const base64Value = new Map([...base64].map((character, index) => [character, index]))

/** The source index of each mapped segment of each generated line, with its column (source map v3 VLQ). */
function decodeMappings(mappings) {
  const lines = []
  let sourceIndex = 0
  for (const line of mappings.split(';')) {
    const segments = []
    let column = 0
    for (const segment of line.split(',')) {
      if (segment === '') continue
      const fields = []
      let value = 0
      let shift = 0
      for (const character of segment) {
        const digit = base64Value.get(character)
        value += (digit & 31) << shift
        if (digit & 32) {
          shift += 5
        } else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1)
          value = 0
          shift = 0
        }
      }
      column += fields[0]
      if (fields.length >= 4) {
        sourceIndex += fields[1]
        segments.push({ column, sourceIndex })
      } else {
        segments.push({ column, sourceIndex: -1 })
      }
      // Fields 2–4 (line, column, name) are relative too, but only the source matters here.
    }
    lines.push(segments)
  }
  return lines
}

/** `…/node_modules/@scope/name/…` → `@scope/name`; app code → its folder (`web/src/features/room`). */
function ownerOf(source) {
  const marker = source.lastIndexOf('node_modules/')
  if (marker >= 0) {
    const parts = source.slice(marker + 'node_modules/'.length).split('/')
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]
  }
  const app = /(web\/src|shared\/src)\/(.*)$/.exec(source)
  if (!app) return source
  const folders = app[2].split('/')
  return [app[1], ...folders.slice(0, folders[0] === 'features' || folders[0] === 'app' ? 2 : 1)].join('/').replace(/\.[a-z]+$/, '')
}

/** Minified bytes of a chunk per package or app folder, from its source map (none when there is no map). */
function attribute(dist, file) {
  const mapFile = path.join(dist, `${file}.map`)
  if (!existsSync(mapFile)) return undefined
  const map = JSON.parse(readFileSync(mapFile, 'utf8'))
  const code = readFileSync(path.join(dist, file), 'utf8').split('\n')
  const bytes = new Map()
  decodeMappings(map.mappings).forEach((segments, lineIndex) => {
    const line = code[lineIndex] ?? ''
    segments.forEach((segment, index) => {
      const end = segments[index + 1]?.column ?? line.length
      const owner = segment.sourceIndex >= 0 ? ownerOf(map.sources[segment.sourceIndex]) : '(unmapped)'
      bytes.set(owner, (bytes.get(owner) ?? 0) + Math.max(0, end - segment.column))
    })
  })
  return bytes
}

/** Every measured route of the build in `dist`. */
export function measureBundles(dist) {
  const manifest = JSON.parse(readFileSync(path.join(dist, '.vite/manifest.json'), 'utf8'))
  const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry)
  const gzipSize = (file) => gzipSync(readFileSync(path.join(dist, file))).length
  // Recognised by content, not by name: the SDK's coordinator host appears in its code whatever the chunk is called.
  const isStreamChunk = (file) => readFileSync(path.join(dist, file), 'utf8').includes('getstream.io')

  const staticClosure = (keys) => {
    const seen = new Set()
    const visit = (key) => {
      if (seen.has(key) || !manifest[key]) return
      seen.add(key)
      for (const next of manifest[key].imports ?? []) visit(next)
    }
    keys.forEach(visit)
    return seen
  }
  // Everything reachable later through dynamic imports (React.lazy, hls.js), minus what was already loaded.
  const lazyClosure = (loaded, shell) => {
    const lazy = new Set()
    const queue = [...loaded]
    while (queue.length > 0) {
      const key = queue.shift()
      // The entry's and the app shell's own dynamic imports are the apps and every other route: not part of this page.
      if (key === entryKey || key === shell) continue
      for (const next of manifest[key]?.dynamicImports ?? []) {
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

  return measuredRoutes.map((route) => {
    if (!manifest[route.source]) throw new Error(`${route.source} is not in the manifest: was the route renamed?`)
    if (route.shell && !manifest[route.shell]) throw new Error(`${route.shell} is not in the manifest: does web/src/main.tsx still start the app from it?`)
    const loaded = staticClosure([entryKey, ...(route.shell ? [route.shell] : []), route.source])
    const lazy = lazyClosure(loaded, route.shell)
    const jsFiles = (keys) => [...keys].map((key) => ({ key, file: manifest[key].file })).filter(({ file }) => file.endsWith('.js'))
    const firstLoad = jsFiles(loaded).map(({ key, file }) => ({ key, file, gzipBytes: gzipSize(file), isStream: isStreamChunk(file) }))
    const later = jsFiles(lazy).map(({ file }) => ({ file, gzipBytes: gzipSize(file), isStream: isStreamChunk(file) }))
    // What the first load is made of: minified bytes per package, over all its chunks.
    const owners = new Map()
    let isAttributed = false
    for (const { file } of firstLoad) {
      const bytes = attribute(dist, file)
      if (!bytes) continue
      isAttributed = true
      for (const [owner, count] of bytes) owners.set(owner, (owners.get(owner) ?? 0) + count)
    }
    return {
      ...route,
      firstLoadGzipBytes: firstLoad.reduce((sum, chunk) => sum + chunk.gzipBytes, 0),
      lazyGzipBytes: later.reduce((sum, chunk) => sum + chunk.gzipBytes, 0),
      isStreamOnFirstLoad: firstLoad.some((chunk) => chunk.isStream),
      isStreamReachableLazily: later.some((chunk) => chunk.isStream),
      firstLoadChunks: firstLoad.sort((a, b) => b.gzipBytes - a.gzipBytes),
      firstLoadMinifiedByOwner: isAttributed ? [...owners].sort((a, b) => b[1] - a[1]).map(([owner, bytes]) => ({ owner, bytes })) : undefined,
    }
  })
}
