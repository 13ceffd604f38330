import type { WebhookDelivery } from '@webinar/shared/outgoing-webhooks'
import { formatDateTime } from '@webinar/shared/time-format'
import { RotateCw, Send } from 'lucide-react'
import { useState } from 'react'
import { toast } from 'sonner'
import { Alert } from '@/components/ui/alert'
import { Button } from '@/components/ui/button'
import { EmptyState } from '@/components/ui/empty-state'
import { Pagination } from '@/components/ui/pagination'
import { Spinner } from '@/components/ui/spinner'
import { errorMessageOf } from '@/lib/api-error'
import { useResendWebhookDelivery } from '../api/resend-webhook-delivery'
import { useWebhookDeliveries, webhookDeliveriesPageSize } from '../api/get-webhook-deliveries'
import { webhookEventLabels } from '../utils/webhook-labels'
import { WebhookDeliveryStatusBadge } from './webhook-delivery-status-badge'

function ResendButton({ endpointId, delivery, isEndpointEnabled }: { endpointId: string; delivery: WebhookDelivery; isEndpointEnabled: boolean }) {
  const resend = useResendWebhookDelivery()
  return (
    <Button
      variant="secondary"
      size="sm"
      aria-label={`Resend ${delivery.eventType} of ${formatDateTime(delivery.createdAt)}`}
      title={isEndpointEnabled ? 'Send it again, with the same webhook-id' : 'Enable the endpoint to resend'}
      disabled={!isEndpointEnabled}
      isPending={resend.isPending}
      onClick={() =>
        resend.mutate(
          { endpointId, deliveryId: delivery.id },
          { onSuccess: () => toast.success('Sending it again.'), onError: (error) => toast.error(errorMessageOf(error)) },
        )
      }
    >
      <RotateCw className="size-4" aria-hidden />
      Resend
    </Button>
  )
}

function Outcome({ delivery }: { delivery: WebhookDelivery }) {
  const code = delivery.lastStatusCode === null ? '—' : `HTTP ${delivery.lastStatusCode}`
  return (
    <span className="text-slate-700">
      {delivery.attempts === 0 ? 'Not tried yet' : code}
      <span className="text-slate-500">
        {' · '}
        {delivery.attempts} {delivery.attempts === 1 ? 'attempt' : 'attempts'}
      </span>
    </span>
  )
}

function Payload({ delivery }: { delivery: WebhookDelivery }) {
  return (
    <details className="mt-1 text-xs text-slate-500">
      <summary className="cursor-pointer select-none hover:text-slate-700">Payload</summary>
      <pre className="mt-2 max-h-64 overflow-auto rounded-lg bg-slate-50 p-3 font-mono text-xs leading-5 whitespace-pre-wrap text-slate-700 ring-1 ring-slate-200 ring-inset">
        {JSON.stringify(delivery.payload, null, 2)}
      </pre>
    </details>
  )
}

/**
 * An endpoint's delivery log, latest first, ten at a time: what was sent, how it went (the receiver's last status
 * code, the attempts, the last error) and a Resend button. It follows the deliveries while it is open.
 */
export function WebhookDeliveriesLog({ endpointId, isEndpointEnabled }: { endpointId: string; isEndpointEnabled: boolean }) {
  const [offset, setOffset] = useState(0)
  const deliveries = useWebhookDeliveries(endpointId, offset)

  if (deliveries.isPending) return <Spinner className="mx-auto my-6 block text-accent-600" label="Loading deliveries…" />
  if (deliveries.isError) return <Alert title="The delivery log could not be loaded">{errorMessageOf(deliveries.error)}</Alert>
  const { items, total } = deliveries.data
  if (items.length === 0) {
    return (
      <EmptyState variant="list" icon={Send} title="Nothing sent yet" isInCard={false} className="py-8">
        Deliveries appear here as events happen.
      </EmptyState>
    )
  }

  return (
    <div className="space-y-4">
      <table aria-label="Deliveries" className="hidden w-full table-fixed text-left text-sm md:table">
        <thead className="border-b border-slate-200 text-xs font-medium tracking-wide text-slate-500 uppercase">
          <tr>
            <th scope="col" className="py-2 pr-3 font-medium">
              Event
            </th>
            <th scope="col" className="w-28 px-3 py-2 font-medium">
              Status
            </th>
            <th scope="col" className="w-[30%] px-3 py-2 font-medium">
              Result
            </th>
            <th scope="col" className="w-28 py-2 pl-3">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {items.map((delivery) => (
            <tr key={delivery.id} className="align-top">
              <td className="py-3 pr-3">
                <p className="font-medium text-slate-900">{webhookEventLabels[delivery.eventType].label}</p>
                <p className="text-slate-500">
                  <time dateTime={delivery.createdAt}>{formatDateTime(delivery.createdAt)}</time>
                </p>
                <Payload delivery={delivery} />
              </td>
              <td className="px-3 py-3">
                <WebhookDeliveryStatusBadge status={delivery.status} />
              </td>
              <td className="px-3 py-3">
                <Outcome delivery={delivery} />
                {delivery.lastError ? <p className="mt-1 text-xs break-words text-slate-500">{delivery.lastError}</p> : null}
              </td>
              <td className="py-2 pl-3 text-right">
                <ResendButton endpointId={endpointId} delivery={delivery} isEndpointEnabled={isEndpointEnabled} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <ul role="list" aria-label="Deliveries" className="divide-y divide-slate-100 md:hidden">
        {items.map((delivery) => (
          <li key={delivery.id} className="py-3">
            <div className="flex items-start justify-between gap-3">
              <div className="min-w-0">
                <p className="font-medium text-slate-900">{webhookEventLabels[delivery.eventType].label}</p>
                <p className="text-sm text-slate-500">
                  <time dateTime={delivery.createdAt}>{formatDateTime(delivery.createdAt)}</time>
                </p>
              </div>
              <ResendButton endpointId={endpointId} delivery={delivery} isEndpointEnabled={isEndpointEnabled} />
            </div>
            <div className="mt-2 flex flex-wrap items-center gap-x-2.5 gap-y-1 text-sm">
              <WebhookDeliveryStatusBadge status={delivery.status} />
              <Outcome delivery={delivery} />
            </div>
            {delivery.lastError ? <p className="mt-1 text-xs break-words text-slate-500">{delivery.lastError}</p> : null}
            <Payload delivery={delivery} />
          </li>
        ))}
      </ul>

      <Pagination label="Delivery pages" offset={offset} limit={webhookDeliveriesPageSize} total={total} onOffsetChange={setOffset} />
    </div>
  )
}
