// `pnpm start`: build the SPA and the server if their sources changed, then run the API (which serves the SPA) as
// this very process, so Ctrl-C (and a container's SIGTERM to PID 1) reaches the server directly and it can shut down
// the embedded database cleanly.
// The server runs compiled (server/dist, see server-build.mjs): under tsx it would hold every module's transformed
// text and source map in memory for its life. This process becomes it (execve: same PID, same terminal) so that it
// starts with serverEnvironment()'s malloc setting, which only applies from a process's start. Where server/dist
// cannot be written (an install owned by another user), it runs from source under tsx as before.
import { pathToFileURL } from 'node:url'
import { buildServerIfStale, serverEntry, serverEnvironment } from './server-build.mjs'
import { buildWebIfStale } from './web-build.mjs'

buildWebIfStale()
let isCompiled = true
try {
  await buildServerIfStale()
} catch (error) {
  isCompiled = false
  console.warn(`Could not build server/dist (${error instanceof Error ? error.message : error}): running the server from source with tsx.`)
}
if (!isCompiled) {
  const { register } = await import('tsx/esm/api')
  register()
  await import('../server/src/main.ts')
} else {
  if (typeof process.execve === 'function' && process.env.MALLOC_MMAP_THRESHOLD_ === undefined) {
    // Returns only if the exec failed: the server then runs here, without the malloc setting.
    try {
      process.execve(process.execPath, [process.execPath, ...process.execArgv, serverEntry], serverEnvironment())
    } catch (error) {
      console.warn(`Could not restart with the server's environment (${error instanceof Error ? error.message : error}): starting it in this process.`)
    }
  }
  await import(pathToFileURL(serverEntry).href)
}
