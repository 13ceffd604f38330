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
