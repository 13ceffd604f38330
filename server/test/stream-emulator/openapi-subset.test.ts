import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Fastify from 'fastify'
import { afterAll, describe, expect, it } from 'vitest'
import { loadStreamContract, readStreamOpenApiSubset } from '../../src/stream-emulator/openapi-contract.ts'
import { createStreamEmulator } from '../../src/stream-emulator/stream-emulator.ts'

const keys = { apiKey: 'subset-test-key', apiSecret: 'subset-test-secret-0123456789abcdef' }
const sourceVersion = 'v236.0.4'
const sourceSha256 = '95e5e604a8e5025cf70d94a0f675acf1ea3e4f5a8e38e61619cf19957a3d19d4'
const schemaRefPrefix = '#/components/schemas/'

const subset = readStreamOpenApiSubset()

/** Every `$ref` in `value`, with where it sits. */
function refsIn(value: unknown, at: string, into: Array<{ at: string; ref: string }> = []) {
  if (Array.isArray(value)) value.forEach((item, index) => refsIn(item, `${at}[${index}]`, into))
  else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref') into.push({ at, ref: String(child) })
      else refsIn(child, `${at}.${key}`, into)
    }
  }
  return into
}

/**
 * Documentation keywords left anywhere in `value`. Names under `properties` are field names, not keywords: Stream
 * has fields called `title` and `description`.
 */
function documentationIn(value: unknown, at: string, into: string[] = []) {
  if (Array.isArray(value)) value.forEach((item, index) => documentationIn(item, `${at}[${index}]`, into))
  else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      if (key === 'properties' && typeof child === 'object' && child !== null) {
        for (const [field, schema] of Object.entries(child)) documentationIn(schema, `${at}.properties.${field}`, into)
        continue
      }
      if (['description', 'summary', 'title', 'example', 'examples'].includes(key) || key.startsWith('x-')) into.push(`${at}.${key}`)
      documentationIn(child, `${at}.${key}`, into)
    }
  }
  return into
}

describe('the committed subset of Stream’s OpenAPI document', () => {
  it('records the source it was derived from', () => {
    expect(subset.info.version).toBe(sourceVersion)
    expect(subset['x-derived-from']).toEqual({
      source: 'GetStream/protocol, openapi/v2/video-serverside-api.json',
      version: sourceVersion,
      sha256: sourceSha256,
      generatedBy: expect.stringContaining('pnpm stream:openapi'),
    })
    const contract = loadStreamContract()
    expect(contract.version).toBe(sourceVersion)
    expect(contract.sourceSha256).toBe(sourceSha256)
  })

  it('has every operation the emulator answers, at the method and path it answers', async () => {
    // The emulator's own routes, as Fastify registers them: the list cannot drift from emulator-plugin.ts.
    const emulated: Array<{ method: string; url: string; operationId: string }> = []
    const app = Fastify({ logger: false })
    app.addHook('onRoute', (route) => {
      const { operationId, surface } = (route.config as { operationId?: string; surface?: string } | undefined) ?? {}
      // The browser SDK's routes are not in the server-side document; client-routes.test.ts covers them.
      if (operationId && surface === 'server' && route.method !== 'HEAD') emulated.push({ method: String(route.method), url: route.url, operationId })
    })
    await app.register(createStreamEmulator(keys).plugin)
    await app.ready()
    await app.close()

    expect(emulated.map((route) => route.operationId).sort()).toEqual([
      'BlockUser',
      'CreateCallType',
      'CreateRole',
      'DeleteCall',
      'DeleteCallType',
      'EndCall',
      'GetCall',
      'GetCallType',
      'GetOrCreateCall',
      'GoLive',
      'KickUser',
      'ListCallTypes',
      'ListRecordings',
      'ListRoles',
      'MuteUsers',
      'StartClosedCaptions',
      'StartHLSBroadcasting',
      'StartRecording',
      'StopClosedCaptions',
      'StopHLSBroadcasting',
      'StopLive',
      'StopRecording',
      'UnblockUser',
      'UpdateCall',
      'UpdateCallMembers',
      'UpdateCallType',
      'UpdateUserPermissions',
      'UpdateUsers',
    ])
    for (const { method, url, operationId } of emulated) {
      const documentedPath = url.replace(/:(\w+)/g, '{$1}')
      expect(subset.paths[documentedPath]?.[method.toLowerCase()]?.operationId, `${method} ${url}`).toBe(operationId)
    }
    // And only those: the subset carries no bodies of operations nobody emulates.
    const subsetOperations = Object.values(subset.paths).flatMap((pathItem) => Object.values(pathItem).map((operation) => operation.operationId))
    expect(subsetOperations.sort()).toEqual(emulated.map((route) => route.operationId).sort())
  })

  it('is closed: every $ref resolves inside it', () => {
    const refs = refsIn({ paths: subset.paths, components: subset.components }, '')
    expect(refs.length).toBeGreaterThan(100)
    const dangling = refs.filter(({ ref }) => !ref.startsWith(schemaRefPrefix) || !(ref.slice(schemaRefPrefix.length) in subset.components.schemas))
    expect(dangling).toEqual([])
  })

  it('covers the webhook events the emulator sends and Stream’s capability list', () => {
    const events = subset['x-webhook-events']
    expect(Object.keys(events)).toHaveLength(24)
    for (const [eventType, schemaName] of Object.entries(events)) {
      const schema = subset.components.schemas[schemaName] as { properties?: { type?: { default?: string } } } | undefined
      expect(schema?.properties?.type?.default, eventType).toBe(eventType)
    }
    expect(loadStreamContract().capabilities).toContain('join-backstage')
  })

  it('keeps no descriptions, titles, examples or x- annotations', () => {
    expect(documentationIn({ paths: subset.paths, components: subset.components }, '')).toEqual([])
  })
})

describe('a subset that cannot be read', () => {
  const directory = mkdtempSync(join(tmpdir(), 'stream-openapi-subset-'))
  afterAll(() => rmSync(directory, { recursive: true, force: true }))

  it('is an error naming the file and how to regenerate it, never a contract without checks', () => {
    const missing = join(directory, 'missing.json')
    expect(() => loadStreamContract(missing)).toThrow(`Cannot read Stream's OpenAPI subset at ${missing} (ENOENT)`)
    expect(() => loadStreamContract(missing)).toThrow('pnpm stream:openapi')

    const garbled = join(directory, 'garbled.json')
    writeFileSync(garbled, '{"openapi": ')
    expect(() => loadStreamContract(garbled)).toThrow(`Stream's OpenAPI subset at ${garbled} is not valid JSON`)

    // The full document is not a subset: it records no source and lists no webhook events.
    const notASubset = join(directory, 'video-serverside-api.json')
    writeFileSync(notASubset, JSON.stringify({ openapi: '3.0.3', info: { version: sourceVersion }, paths: {}, components: { schemas: {} } }))
    expect(() => loadStreamContract(notASubset)).toThrow('does not record its source')
  })
})
