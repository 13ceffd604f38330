// Decides whether the API's compiled form (server/dist/main.mjs) is older than its sources, and builds it when it
// is. Used by `pnpm start` and by the benchmarks, so both run the current server as plain JavaScript.
//
// Why compiled: under tsx every module is transformed when the process starts and the transformed text and source
// maps stay in memory for its life (tens of MB of RSS). esbuild (tsx's own, so no extra dependency) bundles
// server/src and the shared contract into ES modules in about a second; packages stay outside the bundle and are
// loaded from server/node_modules as before. Code only local mode needs (the Stream emulator) is a chunk of its own,
// loaded when used.
import { readFileSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { isOlderThanSources } from './staleness.mjs'

const root = path.resolve(import.meta.dirname, '..')
const server = path.join(root, 'server')
const distDir = path.join(server, 'dist')
export const serverEntry = path.join(distDir, 'main.mjs')
const sources = [path.join(server, 'src'), path.join(root, 'shared', 'src'), path.join(server, 'package.json'), import.meta.filename]

export function isServerBuildStale() {
  return isOlderThanSources(serverEntry, sources)
}

/**
 * In a bundle every module shares the bundle's `import.meta`, but a few modules find files next to their source
 * (migrations, the emulator's OpenAPI subset, packages resolved from there): each module's `import.meta.dirname`
 * and `import.meta.url` become its source's, worked out from the bundle's own location, so a moved checkout works.
 */
function sourceLocationPlugin(outdir) {
  return {
    name: 'source-location',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, (args) => {
        let contents = readFileSync(args.path, 'utf8')
        if (contents.includes('import.meta.')) {
          const fromOutput = path.relative(outdir, args.path).split(path.sep).join('/')
          contents = contents
            .replaceAll('import.meta.dirname', `__sourceDirname(${JSON.stringify(path.posix.dirname(fromOutput))})`)
            .replaceAll('import.meta.filename', `__sourceFilename(${JSON.stringify(fromOutput)})`)
            .replaceAll('import.meta.url', `__sourceUrl(${JSON.stringify(fromOutput)})`)
        }
        return { contents, loader: 'ts' }
      })
    },
  }
}

const sourceLocationHelpers = [
  `import { fileURLToPath as __fileURLToPath, pathToFileURL as __pathToFileURL } from 'node:url';`,
  `import __path from 'node:path';`,
  `const __bundleDirname = __path.dirname(__fileURLToPath(import.meta.url));`,
  `const __sourceFilename = (fromBundle) => __path.resolve(__bundleDirname, fromBundle);`,
  `const __sourceDirname = (fromBundle) => __path.resolve(__bundleDirname, fromBundle);`,
  `const __sourceUrl = (fromBundle) => __pathToFileURL(__sourceFilename(fromBundle)).href;`,
].join('\n')

/**
 * Builds the server into a folder of its own under server/dist, then points server/dist/main.mjs at it (a file
 * replaced in one step), so that a server starting meanwhile, or running and loading a chunk, never sees half a
 * build. The last few builds are kept for servers still running from them.
 */
export async function buildServer() {
  // tsx's esbuild: the server depends on tsx already (the CLIs and tests run under it).
  const esbuild = createRequire(createRequire(path.join(server, 'package.json')).resolve('tsx/package.json'))('esbuild')
  const { dependencies } = JSON.parse(readFileSync(path.join(server, 'package.json'), 'utf8'))
  // The pointer is dated when the sources were read, so that an edit made during the build makes it stale again.
  const startedAt = new Date()
  const build = `build-${startedAt.getTime().toString(36)}-${process.pid}`
  const outdir = path.join(distDir, build)
  await esbuild.build({
    entryPoints: { main: path.join(server, 'src', 'main.ts') },
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    // The server's packages are loaded from server/node_modules at run time; the workspace's own (the shared
    // contract, TypeScript) are compiled in.
    external: Object.keys(dependencies).filter((name) => !name.startsWith('@webinar/')),
    // Not loaded at run time: for `node --enable-source-maps` and debuggers, when a stack trace must name the source.
    sourcemap: 'linked',
    banner: { js: sourceLocationHelpers },
    plugins: [sourceLocationPlugin(outdir)],
    logLevel: 'warning',
  })
  const pointer = `${serverEntry}.${process.pid}`
  writeFileSync(pointer, `// The current build of server/src (scripts/server-build.mjs).\nimport './${build}/main.mjs'\n`)
  utimesSync(pointer, startedAt, startedAt)
  renameSync(pointer, serverEntry)
  const builds = readdirSync(distDir).filter((name) => name.startsWith('build-')).sort((a, b) => statSync(path.join(distDir, b)).mtimeMs - statSync(path.join(distDir, a)).mtimeMs)
  for (const old of builds.filter((name) => name !== build).slice(2)) rmSync(path.join(distDir, old), { recursive: true, force: true })
}

/**
 * The environment the compiled server runs in (`pnpm start` and the benchmarks alike): `env` with glibc's malloc
 * told to keep its mmap threshold at its default, 128 KiB (unless `env` says otherwise). Left to itself, glibc raises
 * the threshold after a large block is freed (up to 32 MiB), so later large blocks (scrypt's 16 MiB per password
 * check, V8's compilation zones on its worker threads) come from per-thread arenas that keep the memory once it is
 * freed: 30 to 40 MB of resident memory that nothing uses. With the threshold fixed, such blocks are mapped while in
 * use and returned when freed. Measured in the join storm (B2/B7): peak RSS about 210 → 170 MiB, same CPU per request.
 * Other C libraries ignore the variable.
 */
export function serverEnvironment(env = process.env) {
  return { MALLOC_MMAP_THRESHOLD_: String(128 * 1024), ...env }
}

/** Builds server/dist when a source is newer; resolves to whether it built. */
export async function buildServerIfStale({ log = console.log } = {}) {
  if (!isServerBuildStale()) return false
  log('Building the server (server/dist)…')
  await buildServer()
  return true
}

if (import.meta.filename === process.argv[1]) await buildServer()
