import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import addFormats from 'ajv-formats'

/** Where Stream's official server-side OpenAPI document sits in a checkout (shared/stream beside the project). */
export const defaultOpenApiDocumentPath = fileURLToPath(
  new URL('../../../../shared/stream/video-serverside-api.json', import.meta.url),
)

export interface ValidationIssue {
  /** Dotted path into the body, e.g. `data.members[0].user_id`; empty for the body itself. */
  field: string
  message: string
}

/**
 * Stream's OpenAPI document turned into validators. `strict` ones are the emulator's own reading: objects that
 * declare properties accept no others (Stream's document leaves that open, which would let a typo such as
 * `scheduled_for` through). `lenient` ones follow the document as written, for checking what the emulator sends.
 */
export interface StreamContract {
  /** The `info.version` of the document, e.g. v236.0.4. */
  version: string
  /** Issues with a request body for the operation (by its operationId); none for operations without a body. */
  validateRequestBody(operationId: string, body: unknown): ValidationIssue[]
  /** Issues with a value against one of the document's component schemas. */
  validateSchema(schemaName: string, value: unknown, mode: 'strict' | 'lenient'): ValidationIssue[]
  /** The capabilities Stream knows (the OwnCapability enum): grants naming others are refused. */
  capabilities: ReadonlySet<string>
  hasSchema(schemaName: string): boolean
  /** The operationId the document gives `method path` (path without the query), if it has one. */
  operationIdFor(method: string, path: string): string | undefined
}

type JsonObject = Record<string, unknown>

interface OpenApiDocument {
  info?: { version?: string }
  paths?: Record<string, Record<string, { operationId?: string; requestBody?: unknown }>>
  components?: { schemas?: Record<string, JsonObject> }
}

// The document is about 600 KB: parse and compile it once per process, whoever asks.
const contractsByPath = new Map<string, StreamContract | null>()

/** The contract for the document at `documentPath`, or null when there is no such file (the emulator then runs on its own checks). */
export function loadStreamContract(documentPath: string = defaultOpenApiDocumentPath): StreamContract | null {
  if (contractsByPath.has(documentPath)) return contractsByPath.get(documentPath) ?? null
  const contract = existsSync(documentPath)
    ? buildContract(JSON.parse(readFileSync(documentPath, 'utf8')) as OpenApiDocument)
    : null
  contractsByPath.set(documentPath, contract)
  return contract
}

const schemaRefPrefix = '#/components/schemas/'

function buildContract(document: OpenApiDocument): StreamContract {
  const schemas = document.components?.schemas ?? {}
  const ajv = new Ajv({ allErrors: true, allowUnionTypes: true, strictTypes: false, strictRequired: false })
  // Stream's `duration` strings are Go durations ("24h"), not ISO 8601 ones, so that format is not checked.
  addFormats(ajv, ['date-time', 'int32', 'int64', 'float', 'double', 'uri', 'email', 'uuid'])
  ajv.addFormat('duration', true)

  // Converted copies under ids of their own: the parsed document is never changed, so whoever else reads it
  // sees it as published. Refs become `#/definitions/...` and resolve inside each copy.
  const documentIds = { strict: 'stream-video-strict', lenient: 'stream-video-lenient' } as const
  for (const mode of ['strict', 'lenient'] as const) {
    const converted: Record<string, unknown> = {}
    for (const [name, schema] of Object.entries(schemas)) converted[name] = toJsonSchema(schema, mode)
    ajv.addSchema({ $id: documentIds[mode], definitions: converted })
  }

  const requestSchemaByOperation = new Map<string, string>()
  const routes: Array<{ method: string; pattern: RegExp; operationId: string }> = []
  for (const [path, pathItem] of Object.entries(document.paths ?? {})) {
    const pattern = new RegExp(`^${path.split(/\{[^}]+\}/).map(escapeRegExp).join('[^/]+')}$`)
    for (const [method, operation] of Object.entries(pathItem)) {
      if (operation.operationId) routes.push({ method: method.toUpperCase(), pattern, operationId: operation.operationId })
      const ref = (operation.requestBody as { content?: { 'application/json'?: { schema?: { $ref?: string } } } } | undefined)
        ?.content?.['application/json']?.schema?.$ref
      if (operation.operationId && ref?.startsWith(schemaRefPrefix)) {
        requestSchemaByOperation.set(operation.operationId, ref.slice(schemaRefPrefix.length))
      }
    }
  }

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
    if (!(schemaName in schemas)) throw new Error(`The OpenAPI document has no schema named ${schemaName}`)
    const validate = validatorFor(schemaName, mode)
    return validate(value) ? [] : describeIssues(validate.errors ?? [])
  }

  const capabilityEnum = (schemas.OwnCapability?.enum as string[] | undefined) ?? []
  return {
    version: document.info?.version ?? 'unknown',
    capabilities: new Set(capabilityEnum),
    hasSchema: (schemaName) => schemaName in schemas,
    operationIdFor: (method, path) =>
      routes.find((route) => route.method === method.toUpperCase() && route.pattern.test(path))?.operationId,
    validateSchema,
    validateRequestBody(operationId, body) {
      const schemaName = requestSchemaByOperation.get(operationId)
      return schemaName ? validateSchema(schemaName, body, 'strict') : []
    },
  }
}

// Keywords that constrain values; everything else in Stream's document (titles, x-stream-* annotations,
// examples, discriminator hints) is documentation and is left out so Ajv can stay in strict mode.
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
