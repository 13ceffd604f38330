import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { apiTypesPath, regenerateCommand, renderApiTypes, writeApiTypesVariable } from '../../scripts/api-types.ts'
import { createTestApp, type TestApp } from './support/test-app.ts'

// The SPA's API types (web/src/lib/api-types.ts) are generated from the live OpenAPI document, which only the
// built app has: this test builds it as every server test does and compares. `pnpm api:types` runs this same
// test with WRITE_API_TYPES=1, so the file is written from exactly the document that is checked here.

let testApp: TestApp

beforeAll(async () => {
  testApp = await createTestApp()
  await testApp.app.ready()
})

afterAll(async () => {
  await testApp?.close()
})

test('web/src/lib/api-types.ts is generated from the current OpenAPI document', async () => {
  const generated = await renderApiTypes(testApp.app.swagger())
  const relativePath = path.relative(process.cwd(), apiTypesPath)

  if (process.env[writeApiTypesVariable] === '1') {
    await writeFile(apiTypesPath, generated)
    console.log(`wrote ${relativePath}`)
    return
  }

  const committed = await readFile(apiTypesPath, 'utf8').catch(() => '')
  if (committed !== generated) {
    const committedLines = committed.split('\n')
    const line = generated.split('\n').findIndex((text, index) => text !== committedLines[index])
    expect.fail(
      `${relativePath} is not what the server's OpenAPI document generates (first difference at line ${line + 1}): run ${regenerateCommand}`,
    )
  }
})
