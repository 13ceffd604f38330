import { readFileSync } from 'node:fs'
import { defaultOpenApiDocumentPath } from '../../src/stream-emulator/openapi-contract.ts'

type Schema = { 'x-stream-is-event'?: boolean; properties?: { type?: { default?: string } } }

/** Event type → the OpenAPI schema describing its payload (CallEndedEvent for call.ended, ...). */
export function eventSchemaNames(): Map<string, string> {
  const document = JSON.parse(readFileSync(defaultOpenApiDocumentPath, 'utf8')) as { components: { schemas: Record<string, Schema> } }
  const names = new Map<string, string>()
  for (const [name, schema] of Object.entries(document.components.schemas)) {
    const type = schema.properties?.type?.default
    if (schema['x-stream-is-event'] && type) names.set(type, name)
  }
  return names
}

/**
 * The value without its null fields. The emulator sends unset optional fields as null (starts_at, ended_at,
 * session); the document declares them optional rather than nullable, so they are checked as absent.
 */
export function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls)
  if (typeof value !== 'object' || value === null) return value
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, field]) => field !== null)
      .map(([key, field]) => [key, withoutNulls(field)]),
  )
}
