import type { ApiKey } from '@webinar/shared/api-keys'
import { KeyRound } from 'lucide-react'
import { useState } from 'react'
import { Button } from '@/components/ui/button'
import { Card, CardHeader } from '@/components/ui/card'
import { formatDate, formatDateTime } from '@/lib/format'
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
        <div className="flex flex-col items-center px-6 pt-8 pb-10 text-center">
          <KeyRound className="size-6 text-slate-300" aria-hidden />
          <p className="mt-3 text-sm font-medium text-slate-700">No API keys yet</p>
          <p className="mt-1 text-sm text-slate-500">Keys you create appear here until you revoke them.</p>
        </div>
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
