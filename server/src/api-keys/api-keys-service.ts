import type { ApiKey, CreatedApiKey } from '@webinar/shared/api-keys'
import type { Clock } from '../clock.ts'
import type { Database } from '../db/client.ts'
import { notFound } from '../errors.ts'
import type { Staff } from '../users/staff.ts'
import { apiKeyRepository } from './api-key-repository.ts'
import { generateApiKeySecret } from './api-key-secret.ts'
import { toApiKeyView } from './api-key-view.ts'

export interface ApiKeysServiceDependencies {
  db: Database
  clock: Clock
}

/** Integrator keys. Each staff member manages their own; a key acts with its owner's role. */
export function createApiKeysService({ db, clock }: ApiKeysServiceDependencies) {
  return {
    async listActive(staff: Staff): Promise<ApiKey[]> {
      return (await apiKeyRepository.listActiveForUser(db, staff.user.id)).map(toApiKeyView)
    },

    /** The secret leaves the server in this answer only; the database keeps its SHA-256. */
    async create(staff: Staff, name: string): Promise<CreatedApiKey> {
      const { secret, prefix, secretHash } = generateApiKeySecret()
      const row = await apiKeyRepository.insert(db, { userId: staff.user.id, name: name.trim(), prefix, secretHash })
      return { apiKey: toApiKeyView(row), secret }
    },

    /** Only one's own active keys; anything else is not found. */
    async revoke(staff: Staff, id: string): Promise<void> {
      const isRevoked = await apiKeyRepository.revoke(db, id, staff.user.id, clock.now())
      if (!isRevoked) throw notFound('API key')
    },
  }
}

export type ApiKeysService = ReturnType<typeof createApiKeysService>
