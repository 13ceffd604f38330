import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import addFormats from 'ajv-formats'

/**
 * The committed subset of Stream's official server-side OpenAPI document (see scripts/derive-stream-openapi.mjs):
 * the emulated operations, the schemas they and the webhook events reference, the capability list. It is part of
 * the repository so a clone validates against exactly the version recorded in it.
 */
export const streamOpenApiSubsetPath = fileURLToPath(new URL('./stream-openapi-subset.json', import.meta.url))

const regenerateHint = 'regenerate it from Stream\'s video-serverside-api.json with `pnpm stream:openapi`'

export interface ValidationIssue {
  /** Dotted path into the body, e.g. `data.members[0].user_id`; empty for the body itself. */
  field: string
  message: string
}

/**
 * Stream's OpenAPI document (the committed subset) turned into validators. `strict` ones are the emulator's own
 * reading: objects that declare properties accept no others (Stream's document leaves that open, which would let a
 * typo such as `scheduled_for` through). `lenient` ones follow the document as written, for checking what the
 * emulator sends.
 */
export interface StreamContract {
  /** The `info.version` of the source document, e.g. v236.0.4. */
  version: string
  /** sha256 of the source document's bytes the subset was derived from. */
  sourceSha256: string
  /** Issues with a request body for the operation (by its operationId); none for operations without a body. */
  validateRequestBody(operationId: string, body: unknown): ValidationIssue[]
  /** Issues with a value against one of the subset's component schemas. */
  validateSchema(schemaName: string, value: unknown, mode: 'strict' | 'lenient'): ValidationIssue[]
  /** The capabilities Stream knows (the OwnCapability enum): grants naming others are refused. */
  capabilities: ReadonlySet<string>
  hasSchema(schemaName: string): boolean
  /** The schema of a webhook event's payload by its type (CallEndedEvent for call.ended), for the events the subset covers. */
  eventSchemaFor(eventType: string): string | undefined
  /**
   * The operationId Stream's document gives `method path` (path without the query), if it has one: the subset
   * lists every documented operation, not only the emulated ones, so a request the emulator does not answer is
   * still named.
   */
  operationIdFor(method: string, path: string): string | undefined
}

type JsonObject = Record<string, unknown>

/** The subset as scripts/derive-stream-openapi.mjs writes it. */
export interface StreamOpenApiSubset {
  openapi: string
  info: { title: string; version: string }
  'x-derived-from': { source: string; version: string; sha256: string; generatedBy: string }
  /** Every operation of the full document: path → method → operationId. */
  'x-documented-operations': Record<string, Record<string, string>>
  /** Webhook event type → the schema of its payload. */
  'x-webhook-events': Record<string, string>
  paths: Record<string, Record<string, { operationId: string; requestBody?: unknown }>>
  components: { schemas: Record<string, JsonObject> }
}

/**
 * The subset at `subsetPath`, parsed. Throws when it is missing, unreadable or not shaped like a subset: the
 * emulator never runs without Stream's contract, since its answers would then go unchecked.
 */
export function readStreamOpenApiSubset(subsetPath: string = streamOpenApiSubsetPath): StreamOpenApiSubset {
  let text: string
  try {
    text = readFileSync(subsetPath, 'utf8')
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error)
    throw new Error(`Cannot read Stream's OpenAPI subset at ${subsetPath} (${reason}); ${regenerateHint}.`, { cause: error })
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw new Error(`Stream's OpenAPI subset at ${subsetPath} is not valid JSON; ${regenerateHint}.`, { cause: error })
  }
  const problem = shapeProblemOf(parsed)
  if (problem) throw new Error(`Stream's OpenAPI subset at ${subsetPath} ${problem}; ${regenerateHint}.`)
  return parsed as StreamOpenApiSubset
}

/** What keeps `value` from being a subset the contract can be built from, if anything. */
function shapeProblemOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'is not a JSON object'
  const subset = value as Partial<StreamOpenApiSubset>
  const isObject = (field: unknown) => typeof field === 'object' && field !== null
  if (typeof subset.info?.version !== 'string') return 'has no info.version'
  if (typeof subset['x-derived-from']?.sha256 !== 'string') return 'does not record its source (x-derived-from.sha256)'
  if (!isObject(subset.paths) || !isObject(subset.components?.schemas)) return 'has no paths or components.schemas'
  if (!isObject(subset['x-documented-operations']) || !isObject(subset['x-webhook-events'])) {
    return 'has no x-documented-operations or x-webhook-events'
  }
  if (!Array.isArray(subset.components?.schemas.OwnCapability?.enum)) return 'has no OwnCapability enum'
  return undefined
}

// Compiling the validators takes a moment: do it once per process, whoever asks.
const contractsByPath = new Map<string, StreamContract>()

/** The contract of the committed subset (`subsetPath` only for tests); throws when the subset cannot be read. */
export function loadStreamContract(subsetPath: string = streamOpenApiSubsetPath): StreamContract {
  let contract = contractsByPath.get(subsetPath)
  if (!contract) {
    contract = buildContract(readStreamOpenApiSubset(subsetPath))
    contractsByPath.set(subsetPath, contract)
  }
  return contract
}

const schemaRefPrefix = '#/components/schemas/'

function buildContract(subset: StreamOpenApiSubset): StreamContract {
  const schemas = subset.components.schemas
  const ajv = new Ajv({ allErrors: true, allowUnionTypes: true, strictTypes: false, strictRequired: false })
  // Stream's `duration` strings are Go durations ("24h"), not ISO 8601 ones, so that format is not checked.
  addFormats(ajv, ['date-time', 'int32', 'int64', 'float', 'double', 'uri', 'email', 'uuid'])
  ajv.addFormat('duration', true)

  // Converted copies under ids of their own: the parsed subset is never changed, so whoever else reads it
  // sees it as derived. Refs become `#/definitions/...` and resolve inside each copy.
  const documentIds = { strict: 'stream-video-strict', lenient: 'stream-video-lenient' } as const
  for (const mode of ['strict', 'lenient'] as const) {
    const converted: Record<string, unknown> = {}
    for (const [name, schema] of Object.entries(schemas)) converted[name] = toJsonSchema(schema, mode)
    ajv.addSchema({ $id: documentIds[mode], definitions: converted })
  }

  const requestSchemaByOperation = new Map<string, string>()
  for (const pathItem of Object.values(subset.paths)) {
    for (const operation of Object.values(pathItem)) {
      const ref = (operation.requestBody as { content?: { 'application/json'?: { schema?: { $ref?: string } } } } | undefined)
        ?.content?.['application/json']?.schema?.$ref
      if (ref?.startsWith(schemaRefPrefix)) requestSchemaByOperation.set(operation.operationId, ref.slice(schemaRefPrefix.length))
    }
  }

  const routes: Array<{ method: string; pattern: RegExp; parameters: number; operationId: string }> = []
  for (const [path, operationIds] of Object.entries(subset['x-documented-operations'])) {
    const literals = path.split(/\{[^}]+\}/)
    const pattern = new RegExp(`^${literals.map(escapeRegExp).join('[^/]+')}$`)
    for (const [method, operationId] of Object.entries(operationIds)) {
      routes.push({ method: method.toUpperCase(), pattern, parameters: literals.length - 1, operationId })
    }
  }
  // `/imports/v2` is also `/imports/{id}`: the path with fewer parameters is the more specific one and wins.
  routes.sort((a, b) => a.parameters - b.parameters)

  const compiled = new Map<string, ValidateFunction>()
  function validatorFor(schemaName: string, mode: 'strict' | 'lenient'): ValidateFunction {
    const key = `${mode}:${schemaName}`
    let validate = compiled.get(key)
    if (!validate) {
      validate = ajv.compile({ $ref: `${documentIds[mode]}#/definitions/${schemaName}` })
      compiled.set(key, validate)
    }
    return validate
  }

  function validateSchema(schemaName: string, value: unknown, mode: 'strict' | 'lenient'): ValidationIssue[] {
    if (!(schemaName in schemas)) throw new Error(`Stream's OpenAPI subset has no schema named ${schemaName} (add it in scripts/derive-stream-openapi.mjs)`)
    const validate = validatorFor(schemaName, mode)
    return validate(value) ? [] : describeIssues(validate.errors ?? [])
  }

  const eventSchemas = new Map(Object.entries(subset['x-webhook-events']))
  return {
    version: subset.info.version,
    sourceSha256: subset['x-derived-from'].sha256,
    capabilities: new Set(schemas.OwnCapability!.enum as string[]),
    hasSchema: (schemaName) => schemaName in schemas,
    eventSchemaFor: (eventType) => eventSchemas.get(eventType),
    operationIdFor: (method, path) =>
      routes.find((route) => route.method === method.toUpperCase() && route.pattern.test(path))?.operationId,
    validateSchema,
    validateRequestBody(operationId, body) {
      const schemaName = requestSchemaByOperation.get(operationId)
      return schemaName ? validateSchema(schemaName, body, 'strict') : []
    },
  }
}

// Keywords that constrain values; anything else (readOnly, default, discriminator hints) is left out so Ajv can stay
// in strict mode. The subset has no documentation left to skip.
const copiedKeywords = ['enum', 'format', 'minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'maxItems', 'required'] as const

/** One OpenAPI 3.0 schema as plain JSON Schema (draft-07, as Ajv reads it). */
function toJsonSchema(schema: JsonObject, mode: 'strict' | 'lenient'): JsonObject {
  // OpenAPI 3.0 ignores the siblings of a $ref (descriptions, titles); JSON Schema would apply them.
  if (typeof schema.$ref === 'string') return { $ref: schema.$ref.replace(schemaRefPrefix, '#/definitions/') }

  const converted: JsonObject = {}
  for (const keyword of copiedKeywords) {
    if (schema[keyword] !== undefined) converted[keyword] = schema[keyword]
  }

  let types: string[] | undefined = typeof schema.type === 'string' ? [schema.type] : undefined
  // Stream declares its timestamps `type: number, format: date-time`; the node-sdk sends ISO 8601 strings
  // (a Date through JSON.stringify) and Stream takes both, so both are accepted (the format checks strings).
  if (schema.format === 'date-time') types = ['number', 'string']
  if (schema.nullable === true && types) {
    types = [...types, 'null']
    if (Array.isArray(converted.enum)) converted.enum = [...(converted.enum as unknown[]), null]
  }
  if (types) converted.type = types.length === 1 ? types[0] : types

  const properties = schema.properties as Record<string, JsonObject> | undefined
  if (properties) {
    converted.properties = Object.fromEntries(Object.entries(properties).map(([name, value]) => [name, toJsonSchema(value, mode)]))
  }
  if (schema.items && typeof schema.items === 'object') converted.items = toJsonSchema(schema.items as JsonObject, mode)
  if (typeof schema.additionalProperties === 'boolean') converted.additionalProperties = schema.additionalProperties
  else if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
    converted.additionalProperties = toJsonSchema(schema.additionalProperties as JsonObject, mode)
  } else if (mode === 'strict' && properties) {
    converted.additionalProperties = false
  }
  if (Array.isArray(schema.oneOf)) converted.oneOf = (schema.oneOf as JsonObject[]).map((option) => toJsonSchema(option, mode))
  return converted
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function fieldPath(instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .map((segment) => segment.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce((path, segment) => (/^\d+$/.test(segment) ? `${path}[${segment}]` : path ? `${path}.${segment}` : segment), '')
}

function join(path: string, property: string): string {
  return path ? `${path}.${property}` : property
}

function describeIssues(errors: readonly ErrorObject[]): ValidationIssue[] {
  const issues: ValidationIssue[] = []
  const seen = new Set<string>()
  const add = (field: string, message: string) => {
    const key = `${field}\u0000${message}`
    if (seen.has(key)) return
    seen.add(key)
    issues.push({ field, message })
  }
  for (const error of errors) {
    const path = fieldPath(error.instancePath)
    const params = error.params as Record<string, unknown>
    switch (error.keyword) {
      case 'additionalProperties':
        add(join(path, String(params.additionalProperty)), 'is not a known field')
        break
      case 'required':
        add(join(path, String(params.missingProperty)), 'is a required field')
        break
      case 'type':
        add(path, `must be of type ${String(params.type).replaceAll(',', ' or ')}`)
        break
      case 'enum':
        add(path, `must be one of ${(params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(', ')}`)
        break
      case 'format':
        add(path, params.format === 'date-time' ? 'must be an RFC 3339 date-time or a number' : `must be a valid ${String(params.format)}`)
        break
      default:
        add(path, error.message ?? `fails ${error.keyword}`)
    }
  }
  // A value of the wrong type also fails its format; the type is the message worth reading.
  const fieldsWithTypeIssues = new Set(issues.filter((issue) => issue.message.startsWith('must be of type')).map((issue) => issue.field))
  return issues.filter((issue) => !(fieldsWithTypeIssues.has(issue.field) && issue.message.startsWith('must be a valid')))
}
