/** The SQLSTATE of a failed query, whether pg's error arrives directly or wrapped by drizzle (as `cause`). */
export function postgresErrorCode(error: unknown): string | undefined {
  const failure = error as { code?: string; cause?: { code?: string } }
  return failure.cause?.code ?? failure.code
}

export const uniqueViolation = '23505'
export const foreignKeyViolation = '23503'
