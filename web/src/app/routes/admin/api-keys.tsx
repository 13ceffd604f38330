import type { CreatedApiKey } from '@webinar/shared/api-keys'
import { ExternalLink } from 'lucide-react'
import { useState } from 'react'
import { Alert } from '@/components/ui/alert'
import { PageHeader } from '@/components/ui/page-header'
import { PageLoading } from '@/components/ui/spinner'
import { useApiKeys } from '@/features/api-keys/api/get-api-keys'
import { ApiKeysList } from '@/features/api-keys/components/api-keys-list'
import { CreateApiKeyForm } from '@/features/api-keys/components/create-api-key-form'
import { NewApiKeyDialog } from '@/features/api-keys/components/new-api-key-dialog'
import { errorMessageOf } from '@/lib/api-error'

export function ApiKeysRoute() {
  const apiKeys = useApiKeys()
  const [created, setCreated] = useState<CreatedApiKey | null>(null)

  return (
    <div className="space-y-8">
      <title>API keys · Webinars</title>
      <PageHeader
        title="API keys"
        description={
          <>
            Let your own systems use the REST API on your behalf: schedule webinars, read registrations, pull reports.{' '}
            <a href="/docs" target="_blank" rel="noreferrer" className="inline-flex items-center gap-1 font-medium text-accent-700 hover:underline">
              Read the API reference
              <ExternalLink className="size-3.5" aria-hidden />
              <span className="sr-only">(opens in a new tab)</span>
            </a>
          </>
        }
      />
      <CreateApiKeyForm onCreated={setCreated} />
      {apiKeys.isPending ? (
        <PageLoading label="Loading your keys…" />
      ) : apiKeys.isError ? (
        <Alert title="Your keys could not be loaded">{errorMessageOf(apiKeys.error)}</Alert>
      ) : (
        <ApiKeysList apiKeys={apiKeys.data.items} />
      )}
      <NewApiKeyDialog created={created} onClose={() => setCreated(null)} />
    </div>
  )
}
