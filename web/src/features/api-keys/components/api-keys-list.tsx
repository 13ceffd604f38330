import type { ApiKey } from '@webinar/shared/api-keys'
import { formatDate, formatDateTime } from '@webinar/shared/time-format'
import { KeyRound } from 'lucide-react'
import { useState } from 'react'
import { Button } from '@/components/ui/button'
import { Card, CardHeader } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/empty-state'
import { RevokeApiKeyDialog } from './revoke-api-key-dialog'

function Timestamp({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {formatDate(iso)}
    </time>
  )
}

export function ApiKeysList({ apiKeys }: { apiKeys: ApiKey[] }) {
  const [keyToRevoke, setKeyToRevoke] = useState<ApiKey | null>(null)

  return (
    <Card>
      <CardHeader title="Your keys" description="Only the first characters of each key are kept in view." />
      {apiKeys.length === 0 ? (
        <EmptyState variant="list" icon={KeyRound} title="No API keys yet" isInCard={false} className="pt-8 pb-10">
          Keys you create appear here until you revoke them.
        </EmptyState>
      ) : (
        <ul role="list" aria-label="API keys" className="mt-4 divide-y divide-slate-100 border-t border-slate-100">
          {apiKeys.map((apiKey) => (
            <li key={apiKey.id} className="flex flex-wrap items-center gap-x-4 gap-y-2 px-5 py-4 sm:flex-nowrap sm:px-6">
              <div className="min-w-0 flex-1">
                <p className="truncate text-sm font-medium text-slate-900">{apiKey.name}</p>
                <p className="mt-0.5 flex flex-wrap gap-x-3 text-sm text-slate-500">
                  <code className="font-mono text-xs leading-5 text-slate-600">{apiKey.prefix}…</code>
                  <span>
                    Created <Timestamp iso={apiKey.createdAt} />
                  </span>
                  <span>{apiKey.lastUsedAt ? <>Last used <Timestamp iso={apiKey.lastUsedAt} /></> : 'Never used'}</span>
                </p>
              </div>
              <Button variant="danger-quiet" size="sm" aria-label={`Revoke ${apiKey.name}`} onClick={() => setKeyToRevoke(apiKey)}>
                Revoke
              </Button>
            </li>
          ))}
        </ul>
      )}
      <RevokeApiKeyDialog apiKey={keyToRevoke} onClose={() => setKeyToRevoke(null)} />
    </Card>
  )
}
