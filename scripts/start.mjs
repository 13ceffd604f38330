// `pnpm start`: build the SPA if its sources changed, then run the API (which serves it) in this process,
// so Ctrl-C reaches the server directly and it can shut down the embedded database cleanly.
import { register } from 'tsx/esm/api'
import { buildWebIfStale } from './web-build.mjs'

buildWebIfStale()
register()
await import('../server/src/main.ts')
