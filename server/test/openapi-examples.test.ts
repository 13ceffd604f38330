import { Ajv } from 'ajv'
import addFormats from 'ajv-formats'
import { Value } from 'typebox/value'
import { afterAll, beforeAll, expect, test } from 'vitest'
import * as apiKeys from '@webinar/shared/api-keys'
import * as auth from '@webinar/shared/auth'
import * as mailbox from '@webinar/shared/mailbox'
import * as moderation from '@webinar/shared/moderation'
import * as organisation from '@webinar/shared/organisation'
import * as outgoingWebhooks from '@webinar/shared/outgoing-webhooks'
import * as privacy from '@webinar/shared/privacy'
import * as recordings from '@webinar/shared/recordings'
import * as registrations from '@webinar/shared/registrations'
import * as reports from '@webinar/shared/reports'
import * as room from '@webinar/shared/room'
import * as series from '@webinar/shared/series'
import * as simulation from '@webinar/shared/simulation'
import * as users from '@webinar/shared/users'
import * as webinars from '@webinar/shared/webinars'
import { createTestApp, type TestApp } from './support/test-app.ts'

// Integrators read the API from its OpenAPI document (/docs): every staff operation shows an example of what to
// send and of what comes back. The examples are annotations on the shared TypeBox schemas (`examples`), which
// @fastify/swagger moves onto the operation's media type (`example`); this test keeps them present and valid.

/** Operations under these need a session or an API key (server/src/app.ts `staffOnly`, and the two auth ones). */
const staffPrefixes = [
  '/api/users',
  '/api/api-keys',
  '/api/webinars',
  '/api/series',
  '/api/people',
  '/api/audit-log',
  '/api/mailbox',
  '/api/webhook-endpoints',
  '/api/reports',
  '/api/me',
  '/api/auth/password',
  '/api/organisation',
]
const methods = ['get', 'put', 'post', 'patch', 'delete'] as const

type Schema = Record<string, unknown>
interface Media {
  schema?: Schema
  example?: unknown
  examples?: Record<string, { value: unknown }>
}
interface Operation {
  requestBody?: { content?: Record<string, Media> }
  responses?: Record<string, { content?: Record<string, Media> }>
}
interface OpenApiDocument {
  paths: Record<string, Partial<Record<(typeof methods)[number], Operation>>>
  components?: { schemas?: Record<string, Schema> }
}

let testApp: TestApp
let document: OpenApiDocument
let staffOperations = 0
let allWithExamples = false

beforeAll(async () => {
  testApp = await createTestApp()
  await testApp.app.ready()
  const response = await testApp.app.inject({ method: 'GET', url: '/docs/json' })
  expect(response.statusCode).toBe(200)
  document = response.json<OpenApiDocument>()
})

afterAll(async () => {
  await testApp?.close()
  if (allWithExamples) console.log(`openapi examples: ${staffOperations} staff operations, all with examples`)
})

const isStaffPath = (path: string) => staffPrefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}.`))

function* operations(): Generator<{ name: string; path: string; operation: Operation }> {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of methods) {
      const operation = item[method]
      if (operation) yield { name: `${method.toUpperCase()} ${path}`, path, operation }
    }
  }
}

const examplesOf = (media: Media): unknown[] => [
  ...(media.example === undefined ? [] : [media.example]),
  ...Object.values(media.examples ?? {}).map((example) => example.value),
]

/** The operation's media types that carry examples: its request body and its 2xx answers. */
function* mediaOf(operation: Operation): Generator<{ where: string; media: Media }> {
  for (const [type, media] of Object.entries(operation.requestBody?.content ?? {})) yield { where: `request body (${type})`, media }
  for (const [status, response] of Object.entries(operation.responses ?? {})) {
    if (!status.startsWith('2')) continue
    for (const [type, media] of Object.entries(response.content ?? {})) yield { where: `${status} answer (${type})`, media }
  }
}

test('every staff operation documents an example of its JSON request body and of its JSON success answer', () => {
  const missing: string[] = []
  for (const { name, path, operation } of operations()) {
    if (!isStaffPath(path)) continue
    staffOperations += 1
    const body = operation.requestBody?.content?.['application/json']
    if (body && examplesOf(body).length === 0) missing.push(`${name}: request body`)
    const success = Object.entries(operation.responses ?? {})
      .filter(([status]) => status.startsWith('2'))
      .sort(([a], [b]) => a.localeCompare(b))
      .find(([, response]) => response.content?.['application/json'])
    if (success && examplesOf(success[1].content!['application/json']!).length === 0) missing.push(`${name}: ${success[0]} answer`)
  }
  // Guards the prefixes themselves: a rename must not turn this test into a check of nothing.
  expect(staffOperations).toBeGreaterThanOrEqual(39)
  expect(missing).toEqual([])
  allWithExamples = true
})

/** The document's schema with its component references put in place, for Ajv (OpenAPI 3.0: `nullable`, `example`). */
function resolveReferences(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(resolveReferences)
  if (schema === null || typeof schema !== 'object') return schema
  const { $ref } = schema as { $ref?: unknown }
  if (typeof $ref === 'string') {
    const name = $ref.replace('#/components/schemas/', '')
    const target = document.components?.schemas?.[name]
    if (!target) throw new Error(`unresolved ${$ref}`)
    return resolveReferences(target)
  }
  return Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, resolveReferences(value)]))
}

/** Every schema inside one, with an `example` of its own (an object's properties, an array's items, …). */
function* nestedExamples(schema: unknown, at: string): Generator<{ at: string; schema: Schema; example: unknown }> {
  if (schema === null || typeof schema !== 'object') return
  if (Array.isArray(schema)) {
    for (const [index, item] of schema.entries()) yield* nestedExamples(item, `${at}[${index}]`)
    return
  }
  const record = schema as Schema
  if ('example' in record && (typeof record.type === 'string' || record.properties || record.items || record.allOf || record.anyOf)) {
    yield { at, schema: record, example: record.example }
  }
  for (const [key, value] of Object.entries(record)) {
    if (key === 'example' || key === 'examples' || key === 'default' || key === 'enum' || key === 'const') continue
    yield* nestedExamples(value, `${at}.${key}`)
  }
}

test('every example in the document is valid against the schema it illustrates', () => {
  const ajv = new Ajv({ strict: false, allErrors: true })
  addFormats(ajv)
  const invalid: string[] = []
  let checked = 0
  const check = (where: string, schema: unknown, example: unknown) => {
    checked += 1
    const validate = ajv.compile(resolveReferences(schema) as Schema)
    if (!validate(example)) invalid.push(`${where}: ${ajv.errorsText(validate.errors)}`)
  }
  for (const { name, operation } of operations()) {
    for (const { where, media } of mediaOf(operation)) {
      if (!media.schema) continue
      for (const example of examplesOf(media)) check(`${name} ${where}`, media.schema, example)
      for (const nested of nestedExamples(media.schema, 'schema')) check(`${name} ${where} ${nested.at}`, nested.schema, nested.example)
    }
  }
  expect(invalid).toEqual([])
  expect(checked).toBeGreaterThanOrEqual(39)
})

test('every example on a shared schema passes that schema as the server validates it (TypeBox)', () => {
  const modules = { apiKeys, auth, mailbox, moderation, organisation, outgoingWebhooks, privacy, recordings, registrations, reports, room, series, simulation, users, webinars }
  const invalid: string[] = []
  let annotated = 0
  for (const [moduleName, exports] of Object.entries(modules)) {
    for (const [exportName, value] of Object.entries(exports)) {
      if (value === null || typeof value !== 'object' || !Array.isArray((value as { examples?: unknown }).examples)) continue
      annotated += 1
      for (const [index, example] of (value as { examples: unknown[] }).examples.entries()) {
        if (!Value.Check(value as Parameters<typeof Value.Check>[0], example)) {
          const errors = [...Value.Errors(value as Parameters<typeof Value.Errors>[0], example)].map((error) => `${error.instancePath} ${error.message}`)
          invalid.push(`${moduleName}.${exportName} examples[${index}]: ${errors.join('; ')}`)
        }
      }
    }
  }
  expect(invalid).toEqual([])
  expect(annotated).toBeGreaterThan(30)
})
