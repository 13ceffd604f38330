import type { WebhookEndpoint } from '@webinar/shared/outgoing-webhooks'
import { ChevronDown, KeyRound, MoreHorizontal, Power, PowerOff, Trash2 } from 'lucide-react'
import { useId, useState } from 'react'
import { toast } from 'sonner'
import { Badge } from '@/components/ui/badge'
import { Button } from '@/components/ui/button'
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from '@/components/ui/dropdown-menu'
import { Spinner } from '@/components/ui/spinner'
import { errorMessageOf } from '@/lib/api-error'
import { cn } from '@/lib/cn'
import { useUpdateWebhookEndpoint } from '../api/update-webhook-endpoint'
import { describeEventTypes } from '../utils/webhook-labels'
import { WebhookDeliveriesLog } from './webhook-deliveries-log'

function EndpointStatus({ endpoint }: { endpoint: WebhookEndpoint }) {
  if (endpoint.isEnabled) return <Badge tone="success">Enabled</Badge>
  return <Badge className={cn(endpoint.disabledReason && 'bg-red-50 text-red-700 ring-red-600/15')}>{endpoint.disabledReason ? 'Turned off' : 'Disabled'}</Badge>
}

/** One endpoint: where it sends, what, whether it is on (and why not), its actions and, on demand, its delivery log. */
export function WebhookEndpointItem({
  endpoint,
  onRotate,
  onDelete,
}: {
  endpoint: WebhookEndpoint
  onRotate: (endpoint: WebhookEndpoint) => void
  onDelete: (endpoint: WebhookEndpoint) => void
}) {
  const [isLogOpen, setIsLogOpen] = useState(false)
  const logId = useId()
  const update = useUpdateWebhookEndpoint()
  const label = endpoint.description || endpoint.url

  const setEnabled = (isEnabled: boolean) =>
    update.mutate(
      { endpointId: endpoint.id, body: { isEnabled } },
      {
        onSuccess: () => toast.success(isEnabled ? 'The endpoint is on again: new events go to it.' : 'The endpoint is off: no events go to it.'),
        onError: (error) => toast.error(errorMessageOf(error)),
      },
    )

  return (
    <li className="px-5 py-4 sm:px-6">
      <div className="flex items-start gap-3">
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-x-2.5 gap-y-1">
            <p className="font-mono text-sm break-all text-slate-900">{endpoint.url}</p>
            <EndpointStatus endpoint={endpoint} />
          </div>
          {endpoint.description ? <p className="mt-0.5 text-sm text-slate-700">{endpoint.description}</p> : null}
          <p className="mt-0.5 text-sm text-slate-500">
            {describeEventTypes(endpoint.eventTypes)}
            {endpoint.isEnabled && endpoint.consecutiveFailures > 0 ? (
              <span className="text-amber-700">
                {' · '}
                {endpoint.consecutiveFailures} failed {endpoint.consecutiveFailures === 1 ? 'attempt' : 'attempts'} in a row
              </span>
            ) : null}
          </p>
          {endpoint.disabledReason ? <p className="mt-2 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-red-200 ring-inset">{endpoint.disabledReason}</p> : null}
        </div>
        <DropdownMenu>
          <DropdownMenuTrigger
            aria-label={`Actions for ${label}`}
            disabled={update.isPending}
            className="inline-flex size-9 shrink-0 items-center justify-center rounded-lg text-slate-500 hover:bg-slate-100 hover:text-slate-900 disabled:cursor-wait data-[state=open]:bg-slate-100 data-[state=open]:text-slate-900"
          >
            {update.isPending ? <Spinner className="text-accent-600" /> : <MoreHorizontal className="size-5" aria-hidden />}
          </DropdownMenuTrigger>
          <DropdownMenuContent>
            {endpoint.isEnabled ? (
              <DropdownMenuItem onSelect={() => setEnabled(false)}>
                <PowerOff className="size-4 text-slate-400" aria-hidden />
                Disable
              </DropdownMenuItem>
            ) : (
              <DropdownMenuItem onSelect={() => setEnabled(true)}>
                <Power className="size-4 text-emerald-600" aria-hidden />
                Enable
              </DropdownMenuItem>
            )}
            <DropdownMenuItem onSelect={() => onRotate(endpoint)}>
              <KeyRound className="size-4 text-slate-400" aria-hidden />
              Rotate secret
            </DropdownMenuItem>
            <DropdownMenuSeparator />
            <DropdownMenuItem onSelect={() => onDelete(endpoint)} className="text-red-700 data-[highlighted]:bg-red-50 data-[highlighted]:text-red-800">
              <Trash2 className="size-4" aria-hidden />
              Remove
            </DropdownMenuItem>
          </DropdownMenuContent>
        </DropdownMenu>
      </div>
      <Button variant="ghost" size="sm" className="mt-2 -ml-3" aria-expanded={isLogOpen} aria-controls={logId} onClick={() => setIsLogOpen((isOpen) => !isOpen)}>
        <ChevronDown className={cn('size-4 transition-transform', isLogOpen && 'rotate-180')} aria-hidden />
        {isLogOpen ? 'Hide deliveries' : 'Show deliveries'}
      </Button>
      {isLogOpen ? (
        <section id={logId} aria-label={`Deliveries to ${label}`} className="mt-2">
          <WebhookDeliveriesLog endpointId={endpoint.id} isEndpointEnabled={endpoint.isEnabled} />
        </section>
      ) : null}
    </li>
  )
}
