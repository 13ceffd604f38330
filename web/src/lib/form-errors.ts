import type { FieldValues, Path, UseFormSetError } from 'react-hook-form'
import { ApiError, errorMessageOf } from './api-error'

function sentence(message: string): string {
  const trimmed = message.trim()
  return trimmed.charAt(0).toUpperCase() + trimmed.slice(1)
}

/**
 * Puts the server's per-field messages next to the matching inputs and returns the message for the top of
 * the form. When every problem sits next to its input, the top message only points there, so the same
 * words are not shown twice.
 */
export function applyServerErrors<Values extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<Values>,
  formFields: readonly Path<Values>[],
): string {
  if (!(error instanceof ApiError)) return errorMessageOf(error)
  const entries = Object.entries(error.fields)
  let unplaced = 0
  for (const [field, message] of entries) {
    const formField = formFields.find((candidate) => candidate === field)
    if (formField) setError(formField, { type: 'server', message: sentence(message) })
    else unplaced += 1
  }
  return entries.length > 0 && unplaced === 0 ? 'Please correct the highlighted fields.' : error.message
}
