import type { ApiKey } from '@webinar/shared/api-keys'
import type { ApiKeyRow } from './api-key-repository.ts'

/** An API key as the API shows it (never the secret or its hash). */
export function toApiKeyView(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  }
}
