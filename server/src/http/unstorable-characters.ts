import { ErrorCode } from '@webinar/shared/errors'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { AppError } from '../errors.ts'

const nul = '\u0000'

/** Why a string cannot be stored, as the error message says it; undefined when it can. */
function problemWith(text: string): string | undefined {
  if (text.includes(nul)) return 'must not contain the NUL character (\\u0000)'
  // Half of a UTF-16 surrogate pair on its own is no Unicode character: jsonb refuses it (`\ud800`), and in a
  // text column it would silently become U+FFFD.
  if (!text.isWellFormed()) return 'must be valid Unicode (it holds half of a surrogate pair)'
  return undefined
}

/**
 * The path (`answers.company`, `q`) of the first string, or object key, in `value` that PostgreSQL cannot store
 * as sent, and why. Iterative, so a deeply nested body cannot overflow the stack.
 */
export function findUnstorableString(value: unknown): { path: string[]; problem: string } | undefined {
  const stack: { value: unknown; path: string[] }[] = [{ value, path: [] }]
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!
    if (typeof current === 'string') {
      const problem = problemWith(current)
      if (problem) return { path, problem }
    } else if (Array.isArray(current)) {
      current.forEach((item, index) => stack.push({ value: item, path: [...path, String(index)] }))
    } else if (current !== null && typeof current === 'object' && !Buffer.isBuffer(current)) {
      for (const [key, item] of Object.entries(current)) {
        const problem = problemWith(key)
        if (problem) return { path: [...path, key.replaceAll(nul, '\\u0000').toWellFormed()], problem: `keys ${problem}` }
        stack.push({ value: item, path: [...path, key] })
      }
    }
  }
  return undefined
}

/**
 * PostgreSQL cannot store the NUL character in text or jsonb, nor a lone surrogate in jsonb: a query carrying one
 * fails, which used to be a 500 (and an error log full of the query's values). No field of this API has a use for
 * either, so every route refuses them up front, in params, query and body alike, as a 400 in the error shape. Raw
 * bodies (Stream's signed webhooks) are Buffers and are left to their route.
 */
export function refuseUnstorableStrings(app: FastifyInstance): void {
  app.addHook('preValidation', async (request: FastifyRequest) => {
    const parts: [string | undefined, unknown][] = [
      ['params', request.params],
      ['query', request.query],
      [undefined, request.body],
    ]
    for (const [context, value] of parts) {
      const found = findUnstorableString(value)
      if (!found) continue
      const field = [...(context ? [context] : []), ...found.path].join('.') || '(body)'
      throw new AppError(ErrorCode.validationFailed, `${field} ${found.problem}.`, { [field]: found.problem })
    }
  })
}
