import type { WebhookDeliveryStatus } from '@webinar/shared/outgoing-webhooks'
import { cn } from '@/lib/cn'
import { webhookDeliveryStatusLabels } from '../utils/webhook-labels'

const tones: Record<WebhookDeliveryStatus, { badge: string; dot: string }> = {
  succeeded: { badge: 'bg-emerald-50 text-emerald-700 ring-emerald-600/15', dot: 'bg-emerald-500' },
  pending: { badge: 'bg-amber-50 text-amber-800 ring-amber-600/20', dot: 'bg-amber-500' },
  failed: { badge: 'bg-red-50 text-red-700 ring-red-600/15', dot: 'bg-red-500' },
}

export function WebhookDeliveryStatusBadge({ status }: { status: WebhookDeliveryStatus }) {
  return (
    <span className={cn('inline-flex items-center gap-1.5 rounded-full px-2.5 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset', tones[status].badge)}>
      <span aria-hidden className={cn('size-1.5 rounded-full', tones[status].dot)} />
      {webhookDeliveryStatusLabels[status]}
    </span>
  )
}
