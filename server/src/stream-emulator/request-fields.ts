import { inputError } from './stream-errors.ts'

// Readers for request bodies. With Stream's OpenAPI document at hand the body was validated before it gets here;
// without it these are the emulator's own checks, so a malformed body is still a 400 and never a crash.

export type Fields = Record<string, unknown>

export function isFields(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
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
