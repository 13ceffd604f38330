// pnpm api:types: writes web/src/lib/api-types.ts from the server's OpenAPI document.
//
// The document is the one the built app publishes at /docs/json, and building the app takes PostgreSQL (pg-boss,
// the room's LISTEN/NOTIFY), migrations and a Stream emulator. The server's test harness already sets all of
// that up (DATABASE_URL, or an embedded PostgreSQL it starts), so this runs the one test that renders the
// document, server/test/openapi-types.test.ts, asking it to write the file instead of comparing it. Generating
// and checking therefore read the very same document, built the very same way.

import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { writeApiTypesVariable } from './api-types.ts'

const repoRoot = fileURLToPath(new URL('..', import.meta.url))
const vitest = path.join(path.dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs')

const result = spawnSync(process.execPath, [vitest, 'run', '--project', 'server', 'server/test/openapi-types.test.ts'], {
  cwd: repoRoot,
  env: { ...process.env, [writeApiTypesVariable]: '1' },
  stdio: 'inherit',
})
process.exit(result.status ?? 1)
