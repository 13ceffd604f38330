import type { WebhookEndpoint, WebhookEndpointWithSecret } from '@webinar/shared/outgoing-webhooks'
import { Webhook } from 'lucide-react'
import { useState } from 'react'
import { Alert } from '@/components/ui/alert'
import { Card } from '@/components/ui/card'
import { EmptyState } from '@/components/ui/empty-state'
import { Spinner } from '@/components/ui/spinner'
import { errorMessageOf } from '@/lib/api-error'
import { useWebhookEndpoints } from '../api/get-webhook-endpoints'
import { AddWebhookEndpointDialog } from './add-webhook-endpoint-dialog'
import { DeleteWebhookEndpointDialog } from './delete-webhook-endpoint-dialog'
import { RotateWebhookSecretDialog } from './rotate-webhook-secret-dialog'
import { WebhookEndpointItem } from './webhook-endpoint-item'
import { WebhookSecretDialog } from './webhook-secret-dialog'

/**
 * Settings → Webhooks (owners and admins): the endpoints that receive this installation's events, signed, each
 * with its status, actions and delivery log. A signing secret is shown once, when it is made.
 */
export function WebhooksSection() {
  const endpoints = useWebhookEndpoints()
  const [shownSecret, setShownSecret] = useState<(WebhookEndpointWithSecret & { isRotated: boolean }) | null>(null)
  const [toRotate, setToRotate] = useState<WebhookEndpoint | null>(null)
  const [toDelete, setToDelete] = useState<WebhookEndpoint | null>(null)

  return (
    <Card role="region" aria-labelledby="webhooks-title">
      <div className="flex flex-wrap items-start justify-between gap-4 px-5 pt-5 sm:px-6 sm:pt-6">
        <div className="max-w-2xl">
          <h2 id="webhooks-title" className="text-base font-semibold text-slate-900">
            Webhooks
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            Tell your own systems when someone registers, a webinar starts or ends, attendance changes or a recording is ready. Each
            event is a signed POST, retried for hours until your endpoint answers 2xx.
          </p>
        </div>
        <AddWebhookEndpointDialog onCreated={(created) => setShownSecret({ ...created, isRotated: false })} />
      </div>
      {endpoints.isPending ? (
        <Spinner className="mx-auto my-10 block text-accent-600" label="Loading endpoints…" />
      ) : endpoints.isError ? (
        <div className="p-5 sm:p-6">
          <Alert title="The endpoints could not be loaded">{errorMessageOf(endpoints.error)}</Alert>
        </div>
      ) : endpoints.data.items.length === 0 ? (
        <EmptyState variant="list" icon={Webhook} title="No endpoints yet" isInCard={false} className="pt-8 pb-10">
          Add the URL of a system that should hear about events here.
        </EmptyState>
      ) : (
        <ul role="list" aria-label="Webhook endpoints" className="mt-4 divide-y divide-slate-100 border-t border-slate-100">
          {endpoints.data.items.map((endpoint) => (
            <WebhookEndpointItem key={endpoint.id} endpoint={endpoint} onRotate={setToRotate} onDelete={setToDelete} />
          ))}
        </ul>
      )}
      <WebhookSecretDialog shown={shownSecret} onClose={() => setShownSecret(null)} />
      <RotateWebhookSecretDialog endpoint={toRotate} onClose={() => setToRotate(null)} onRotated={(rotated) => setShownSecret({ ...rotated, isRotated: true })} />
      <DeleteWebhookEndpointDialog endpoint={toDelete} onClose={() => setToDelete(null)} />
    </Card>
  )
}
