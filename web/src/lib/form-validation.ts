import { toNestErrors } from '@hookform/resolvers'
import { typeboxResolver } from '@hookform/resolvers/typebox'
import type { FieldError, FieldValues, Path, Resolver } from 'react-hook-form'

// Forms are checked with the very TypeBox schema the server checks the request body with (shared/src), so the
// two cannot drift apart; only the words are the form's own, said next to the input a person can fix.

type BodySchema = Parameters<typeof typeboxResolver>[0]

/** What the schema found wrong with a field: the rule broken (TypeBox's keyword: minLength, format, …) and the value checked. */
export interface FieldProblem {
  rule: string
  value: unknown
}

/** The sentence shown under the field: always the same one, or one chosen by the problem. */
export type FieldMessage = string | ((problem: FieldProblem) => string)

export interface SchemaResolverOptions<Values extends FieldValues> {
  /** The sentence for each field's problems; a field left out gets the schema's own words. */
  messages: Partial<Record<Path<Values>, FieldMessage>>
  /**
   * The values in the API's terms, exactly as the form sends them (trimmed, numbers from text, …). Left out, the
   * values are the body.
   */
  bodyOf?: (values: Values) => unknown
  /** The input that stands for a body field, where their names differ ('settings.joinAheadSeconds' → 'joinAheadMinutes'). */
  fieldOf?: (bodyField: string, values: Values) => string
  /** Rules no schema states (the fields an organiser adds to a registration form): field → sentence. */
  alsoCheck?: (values: Values) => Record<string, string>
}

/** The bounds a schema sets on a field (TypeBox keeps them on the schema, untyped), so inputs and messages say the server's numbers. */
export function limitsOf(schema: object): { minLength?: number; maxLength?: number; minimum?: number; maximum?: number } {
  return schema
}

function isFieldError(node: unknown): node is FieldError {
  return typeof node === 'object' && node !== null && typeof (node as { type?: unknown }).type === 'string'
}

/** The resolver nests errors as the field paths do; read them back as `path → error`. */
function flattenErrors(node: unknown, prefix = ''): [string, FieldError][] {
  if (isFieldError(node)) return [[prefix, node]]
  if (typeof node !== 'object' || node === null) return []
  return Object.entries(node).flatMap(([key, child]) => flattenErrors(child, prefix ? `${prefix}.${key}` : key))
}

function valueAt(body: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined), body)
}

function sentenceOf(message: string | undefined): string {
  const text = (message ?? 'is not valid').trim()
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`
}

/**
 * A react-hook-form resolver that checks the form against a shared API body schema through
 * `@hookform/resolvers/typebox`, and puts each problem, in the form's words, at the input it belongs to.
 */
export function schemaResolver<Values extends FieldValues>(schema: BodySchema, options: SchemaResolverOptions<Values>): Resolver<Values> {
  const { messages, bodyOf = (values: Values) => values, fieldOf = (bodyField: string) => bodyField, alsoCheck } = options
  const checkBody = typeboxResolver(schema)
  return async (values, context, resolverOptions) => {
    const body = bodyOf(values)
    // The body's paths are not the form's fields: nest the errors only once they are named after the inputs.
    const checked = await checkBody(body as never, context, { ...resolverOptions, fields: {}, names: undefined, shouldUseNativeValidation: false })
    const problems: Record<string, FieldError> = {}
    for (const [bodyField, error] of flattenErrors(checked.errors)) {
      const field = fieldOf(bodyField, values)
      if (problems[field]) continue
      const message = messages[field as Path<Values>]
      problems[field] = {
        type: error.type,
        message: typeof message === 'function' ? message({ rule: String(error.type), value: valueAt(body, bodyField) }) : (message ?? sentenceOf(error.message)),
      }
    }
    for (const [field, message] of Object.entries(alsoCheck?.(values) ?? {})) problems[field] ??= { type: 'validate', message }
    if (Object.keys(problems).length === 0) return { values, errors: {} }
    return { values: {}, errors: toNestErrors(problems, resolverOptions) }
  }
}
