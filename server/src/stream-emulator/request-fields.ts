import type { RecordedRequest } from './request-log.ts'
import { inputError } from './stream-errors.ts'

// Readers for request bodies. An API request's body was validated against Stream's OpenAPI document before it
// gets here; these readers still check the type of each field they read (control bodies are not validated), so a
// malformed body is a 400 and never a crash.

export type Fields = Record<string, unknown>

export function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The raw body as JSON: nothing is `{}`; anything but a JSON object is Stream's input error. Noted in `record`. */
export function readJsonBody(operation: string, raw: unknown, record: RecordedRequest | undefined): Fields {
  if (!Buffer.isBuffer(raw) || raw.length === 0) return {}
  let parsed: unknown
  try {
    parsed = JSON.parse(raw.toString('utf8'))
  } catch {
    if (record) record.body = raw.toString('utf8')
    throw inputError(operation, 'the request body is not valid JSON')
  }
  if (record) record.body = parsed
  if (!isFields(parsed)) throw inputError(operation, 'the request body must be a JSON object')
  return parsed
}

export function readObject(operation: string, body: Fields, field: string): Fields | undefined {
  const value = body[field]
  if (value === undefined || value === null) return undefined
  if (!isFields(value)) throw inputError(operation, `${field} must be an object`, { [field]: 'must be an object' })
  return value
}

export function readString(operation: string, body: Fields, field: string): string | undefined {
  const value = body[field]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string') throw inputError(operation, `${field} must be a string`, { [field]: 'must be a string' })
  return value
}

export function readBoolean(operation: string, body: Fields, field: string): boolean {
  const value = body[field]
  if (value === undefined || value === null) return false
  if (typeof value !== 'boolean') throw inputError(operation, `${field} must be a boolean`, { [field]: 'must be a boolean' })
  return value
}

export function readArray(operation: string, body: Fields, field: string): unknown[] | undefined {
  const value = body[field]
  if (value === undefined || value === null) return undefined
  if (!Array.isArray(value)) throw inputError(operation, `${field} must be a list`, { [field]: 'must be a list' })
  return value
}

/** Stream's timestamps: an RFC 3339 string, or a number of nanoseconds since the epoch (as the node-sdk decodes them). */
export function readTimestamp(operation: string, body: Fields, field: string): Date | undefined {
  const value = body[field]
  if (value === undefined || value === null) return undefined
  const date = typeof value === 'number' ? new Date(Math.floor(value / 1e6)) : typeof value === 'string' ? new Date(value) : undefined
  if (!date || Number.isNaN(date.getTime())) {
    throw inputError(operation, `${field} must be an RFC 3339 date-time or a number`, { [field]: 'must be a date-time' })
  }
  return date
}
