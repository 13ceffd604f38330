import { ErrorCode } from '@webinar/shared/errors'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { AppError } from '../errors.ts'

const nul = '\u0000'

/**
 * The path (`answers.company`, `q`) of the first string, or object key, in `value` that holds a NUL character.
 * Iterative, so a deeply nested body cannot overflow the stack.
 */
export function findNulCharacter(value: unknown): string[] | undefined {
  const stack: { value: unknown; path: string[] }[] = [{ value, path: [] }]
  while (stack.length > 0) {
    const { value: current, path } = stack.pop()!
    if (typeof current === 'string') {
      if (current.includes(nul)) return path
    } else if (Array.isArray(current)) {
      current.forEach((item, index) => stack.push({ value: item, path: [...path, String(index)] }))
    } else if (current !== null && typeof current === 'object' && !Buffer.isBuffer(current)) {
      for (const [key, item] of Object.entries(current)) {
        if (key.includes(nul)) return [...path, key.replaceAll(nul, '\\u0000')]
        stack.push({ value: item, path: [...path, key] })
      }
    }
  }
  return undefined
}

/**
 * PostgreSQL cannot store the NUL character in text or jsonb: a query carrying one fails, which used to be a 500
 * (and an error log full of the query's values). No field of this API has a use for it, so every route refuses
 * it up front, in params, query and body alike, as a 400 in the error shape. Raw bodies (Stream's signed
 * webhooks) are Buffers and are left to their route.
 */
export function refuseNulCharacters(app: FastifyInstance): void {
  app.addHook('preValidation', async (request: FastifyRequest) => {
    const parts: [string | undefined, unknown][] = [
      ['params', request.params],
      ['query', request.query],
      [undefined, request.body],
    ]
    for (const [context, value] of parts) {
      const path = findNulCharacter(value)
      if (!path) continue
      const field = [...(context ? [context] : []), ...path].join('.') || '(body)'
      throw new AppError(ErrorCode.validationFailed, `${field} must not contain the NUL character (\\u0000).`, {
        [field]: 'must not contain the NUL character (\\u0000)',
      })
    }
  })
}
