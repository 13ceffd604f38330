// Derives the subset of Stream's server-side OpenAPI document that the Stream API emulator and its contract tests
// read (server/src/stream-emulator/stream-openapi-subset.json). The full document is ~600 KB and lives outside
// the repository; the subset is committed so a fresh clone validates against exactly what was derived here.
//
//   pnpm stream:openapi path/to/video-serverside-api.json     writes the subset
//   pnpm stream:openapi --check path/to/...                    exits 1 when the committed subset is stale
//
// The subset keeps: the operations the emulator emulates, every component schema their bodies and responses
// reference, the payload schemas of the webhook events it sends and the OwnCapability enum, closed over `$ref`;
// plus a compact list of every documented method + path → operationId (without bodies), so the emulator can still
// name an operation it does not emulate. Documentation (descriptions, titles, examples, x- annotations) is left
// out; every keyword that constrains a value is kept as published.

import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const subsetPath = resolve(repoRoot, 'server/src/stream-emulator/stream-openapi-subset.json')

const sourceName = 'GetStream/protocol, openapi/v2/video-serverside-api.json'
const regenerateCommand = 'pnpm stream:openapi path/to/video-serverside-api.json'

// The operations server/src/stream-emulator/server-operations.ts emulates (every call the server makes to Stream,
// and those the browser SDK's routes share a body with). server/test/stream-emulator/openapi-subset.test.ts fails
// when the two lists drift apart.
const emulatedOperationIds = [
  'GetOrCreateCall',
  'GetCall',
  'UpdateCall',
  'UpdateCallMembers',
  'GoLive',
  'StopLive',
  'EndCall',
  'DeleteCall',
  'ListRecordings',
  'StartRecording',
  'StopRecording',
  'StartHLSBroadcasting',
  'StopHLSBroadcasting',
  'StartClosedCaptions',
  'StopClosedCaptions',
  'BlockUser',
  'UnblockUser',
  'KickUser',
  'MuteUsers',
  'UpdateUserPermissions',
  'ListCallTypes',
  'CreateCallType',
  'GetCallType',
  'UpdateCallType',
  'DeleteCallType',
  'ListRoles',
  'CreateRole',
  'UpdateUsers',
]

// The webhook events the emulator sends (server/src/stream-emulator/calls.ts, call-sessions.ts, call-egress.ts,
// call-members.ts, call-moderation.ts); the webhook tests check each payload against its schema and fail on an event
// type the subset does not cover.
const emittedEventTypes = [
  'call.created',
  'call.updated',
  'call.member_added',
  'call.member_updated',
  'call.member_removed',
  'call.blocked_user',
  'call.unblocked_user',
  'call.kicked_user',
  'call.permissions_updated',
  'call.permission_request',
  'call.closed_captions_started',
  'call.closed_captions_stopped',
  'call.live_started',
  'call.hls_broadcasting_started',
  'call.hls_broadcasting_stopped',
  'call.recording_started',
  'call.recording_stopped',
  'call.recording_ready',
  'call.session_started',
  'call.session_ended',
  'call.session_participant_joined',
  'call.session_participant_left',
  'call.ended',
  'call.deleted',
]

// Schemas the emulator reads directly rather than through an operation: the capability list grants are checked against.
const extraSchemaNames = ['OwnCapability']

const httpMethods = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'])
const schemaRefPrefix = '#/components/schemas/'
// Annotations for readers, not constraints on values.
const documentationKeywords = new Set(['description', 'title', 'example', 'examples', 'externalDocs', 'summary', 'tags'])

function fail(message) {
  console.error(`derive-stream-openapi: ${message}`)
  process.exit(1)
}

function isDocumentation(keyword) {
  return documentationKeywords.has(keyword) || keyword.startsWith('x-')
}

/** A schema without its documentation. Aware of where subschemas sit, so a property named `description` stays. */
function stripSchema(schema) {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return schema
  const stripped = {}
  for (const [keyword, value] of Object.entries(schema)) {
    if (isDocumentation(keyword)) continue
    if (keyword === 'properties') {
      stripped.properties = Object.fromEntries(Object.entries(value).map(([name, property]) => [name, stripSchema(property)]))
    } else if (keyword === 'items' || keyword === 'additionalProperties' || keyword === 'not') {
      stripped[keyword] = stripSchema(value)
    } else if (keyword === 'oneOf' || keyword === 'anyOf' || keyword === 'allOf') {
      stripped[keyword] = value.map(stripSchema)
    } else {
      // Values (enum, required, default, format, bounds) are copied as published.
      stripped[keyword] = value
    }
  }
  return stripped
}

/** `content` of a request body or response: media type → { schema }. */
function stripContent(content) {
  return Object.fromEntries(Object.entries(content).map(([mediaType, media]) => [mediaType, { schema: stripSchema(media.schema) }]))
}

function stripOperation(operation) {
  const stripped = { operationId: operation.operationId }
  if (operation.parameters) {
    stripped.parameters = operation.parameters.map((parameter) => {
      if (parameter.$ref) fail(`parameter references (${parameter.$ref}) are not supported`)
      return { in: parameter.in, name: parameter.name, required: parameter.required ?? false, schema: stripSchema(parameter.schema) }
    })
  }
  if (operation.requestBody) {
    stripped.requestBody = { content: stripContent(operation.requestBody.content ?? {}), required: operation.requestBody.required ?? false }
  }
  stripped.responses = Object.fromEntries(
    Object.entries(operation.responses ?? {}).map(([status, response]) => [status, response.content ? { content: stripContent(response.content) } : {}]),
  )
  return stripped
}

function collectSchemaRefs(value, into) {
  if (Array.isArray(value)) for (const item of value) collectSchemaRefs(item, into)
  else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string') {
        if (!child.startsWith(schemaRefPrefix)) fail(`unsupported $ref ${child}`)
        into.add(child.slice(schemaRefPrefix.length))
      } else collectSchemaRefs(child, into)
    }
  }
  return into
}

/** Objects with their keys sorted at every depth, arrays in their order: the output does not depend on the source's key order. */
function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys)
  if (typeof value !== 'object' || value === null) return value
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys(value[key])]),
  )
}

function derive(sourceBytes) {
  const document = JSON.parse(sourceBytes.toString('utf8'))
  const sourceSchemas = document.components?.schemas ?? {}
  const version = document.info?.version
  if (!version) fail('the source has no info.version')

  const paths = {}
  const documentedOperations = {}
  const found = new Set()
  for (const [path, pathItem] of Object.entries(document.paths ?? {})) {
    for (const [method, operation] of Object.entries(pathItem)) {
      if (!httpMethods.has(method) || !operation.operationId) continue
      ;(documentedOperations[path] ??= {})[method] = operation.operationId
      if (!emulatedOperationIds.includes(operation.operationId)) continue
      if (found.has(operation.operationId)) fail(`operationId ${operation.operationId} appears twice`)
      found.add(operation.operationId)
      ;(paths[path] ??= {})[method] = stripOperation(operation)
    }
  }
  const missingOperations = emulatedOperationIds.filter((operationId) => !found.has(operationId))
  if (missingOperations.length > 0) fail(`the source has no operation ${missingOperations.join(', ')}`)

  const webhookEvents = {}
  for (const eventType of emittedEventTypes) {
    const names = Object.entries(sourceSchemas)
      .filter(([, schema]) => schema['x-stream-is-event'] && schema.properties?.type?.default === eventType)
      .map(([name]) => name)
    if (names.length !== 1) fail(`expected one event schema for ${eventType}, found ${names.length ? names.join(', ') : 'none'}`)
    webhookEvents[eventType] = names[0]
  }

  // The closure over $ref, from the operations, the event payloads and the extra schemas.
  const pending = [...collectSchemaRefs(paths, new Set()), ...Object.values(webhookEvents), ...extraSchemaNames]
  const schemas = {}
  while (pending.length > 0) {
    const name = pending.pop()
    if (name in schemas) continue
    if (!(name in sourceSchemas)) fail(`the source has no schema ${name}`)
    schemas[name] = stripSchema(sourceSchemas[name])
    for (const referenced of collectSchemaRefs(schemas[name], new Set())) if (!(referenced in schemas)) pending.push(referenced)
  }

  // The header first, then what it describes; below the top level, keys are sorted.
  return {
    openapi: document.openapi,
    info: { title: `${document.info.title ?? 'Stream API'} (subset for the Stream API emulator)`, version },
    'x-derived-from': {
      source: sourceName,
      version,
      sha256: createHash('sha256').update(sourceBytes).digest('hex'),
      generatedBy: regenerateCommand,
    },
    'x-documented-operations': sortKeys(documentedOperations),
    'x-webhook-events': sortKeys(webhookEvents),
    paths: sortKeys(paths),
    components: { schemas: sortKeys(schemas) },
  }
}

/**
 * JSON with two-space indents, each value at `compactDepth` on one line: one line per component schema, per
 * operation and per documented path, so a new version's diff reads schema by schema and the file stays a fraction
 * of its fully indented size.
 */
function format(value, compactDepth, depth = 0) {
  if (typeof value !== 'object' || value === null || depth >= compactDepth) return JSON.stringify(value)
  const indent = '  '.repeat(depth + 1)
  const entries = Array.isArray(value)
    ? value.map((item) => `${indent}${format(item, compactDepth, depth + 1)}`)
    : Object.entries(value).map(([key, item]) => `${indent}${JSON.stringify(key)}: ${format(item, compactDepth, depth + 1)}`)
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}']
  return entries.length === 0 ? `${open}${close}` : `${open}\n${entries.join(',\n')}\n${'  '.repeat(depth)}${close}`
}

function formatSubset(subset) {
  // Documented paths map methods to operationIds: short enough for one line per path.
  const compactDepthOf = (key) => (key === 'x-documented-operations' ? 2 : 3)
  const entries = Object.entries(subset).map(([key, value]) => `  ${JSON.stringify(key)}: ${format(value, compactDepthOf(key), 1)}`)
  return `{\n${entries.join(',\n')}\n}\n`
}

const args = process.argv.slice(2)
const check = args.includes('--check')
const positional = args.filter((arg) => arg !== '--check')
if (positional.length !== 1) {
  fail(
    'usage: pnpm stream:openapi [--check] path/to/video-serverside-api.json (Stream\'s server-side OpenAPI document: GetStream/protocol, openapi/v2/video-serverside-api.json)',
  )
}
const sourcePath = resolve(process.cwd(), positional[0])

let sourceBytes
try {
  sourceBytes = readFileSync(sourcePath)
} catch (error) {
  fail(`cannot read ${sourcePath} (${error.code ?? error.message}); pass the path of Stream's video-serverside-api.json`)
}
const subset = derive(sourceBytes)
const text = formatSubset(subset)
// The layout is ours; the content must still be exactly the subset.
if (JSON.stringify(JSON.parse(text)) !== JSON.stringify(subset)) fail('formatting changed the subset (a bug in this script)')

const shownPath = relative(process.cwd(), subsetPath) || subsetPath
if (check) {
  let committed = ''
  try {
    committed = readFileSync(subsetPath, 'utf8')
  } catch {
    // A missing subset is stale.
  }
  if (committed !== text) fail(`${shownPath} is not what ${sourcePath} derives; run pnpm stream:openapi`)
  console.log(`${shownPath} is up to date with ${subset.info.version}`)
} else {
  writeFileSync(subsetPath, text)
  const operationCount = Object.values(subset.paths).reduce((count, pathItem) => count + Object.keys(pathItem).length, 0)
  console.log(
    `wrote ${shownPath}: ${subset.info.version}, ${operationCount} operations, ` +
      `${Object.keys(subset.components.schemas).length} schemas, ${Buffer.byteLength(text)} bytes`,
  )
}
