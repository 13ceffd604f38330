import type { FastifySchemaValidationError } from 'fastify'

type ValidationIssue = Pick<FastifySchemaValidationError, 'instancePath' | 'keyword' | 'message'> & {
  params: Record<string, unknown>
}

const formatMessages: Record<string, string> = {
  email: 'must be a valid e-mail address',
  uuid: 'must be a valid id',
  'date-time': 'must be a date and time in ISO 8601 with an offset, e.g. 2030-01-31T18:00:00+01:00',
  uri: 'must be a valid URL',
}

/** Turns validator output into `{ field path: readable message }`, one message per field. */
export function describeValidationIssues(issues: readonly ValidationIssue[]): Record<string, string> {
  const fields: Record<string, string> = {}
  const put = (pointer: string, message: string) => {
    const key = pointer.replace(/^\//, '').replaceAll('/', '.') || '(body)'
    fields[key] ??= message
  }
  for (const issue of issues) {
    const { params } = issue
    if (issue.keyword === 'required') {
      const missing = (params.requiredProperties as string[] | undefined) ?? [params.missingProperty as string]
      for (const property of missing) put(`${issue.instancePath}/${property}`, 'is required')
    } else if (issue.keyword === 'additionalProperties') {
      const extra = (params.additionalProperties as string[] | string | undefined) ?? []
      for (const property of Array.isArray(extra) ? extra : [extra]) put(`${issue.instancePath}/${property}`, 'is not a known field')
    } else if (issue.keyword === 'boolean') {
      // "schema is false" duplicates the additionalProperties issue reported for the same field.
      continue
    } else if (issue.keyword === 'format') {
      const format = String(params.format)
      put(issue.instancePath, formatMessages[format] ?? `must be a valid ${format}`)
    } else if (issue.keyword === 'enum' && Array.isArray(params.allowedValues)) {
      put(issue.instancePath, `must be one of: ${params.allowedValues.join(', ')}`)
    } else {
      put(issue.instancePath, issue.message ?? 'is invalid')
    }
  }
  return fields
}

export function summariseFields(fields: Record<string, string>): string {
  const entries = Object.entries(fields)
  if (entries.length === 0) return 'The request is not valid.'
  const [first] = entries
  const more = entries.length > 1 ? ` (and ${entries.length - 1} more)` : ''
  return `${first![0]} ${first![1]}${more}.`
}
