import type { WebhookDeliveryList } from '@webinar/shared/outgoing-webhooks'
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'
import { webhookEndpointsQueryKey } from './get-webhook-endpoints'

export const webhookDeliveriesPageSize = 10

export const webhookDeliveriesQueryKey = (endpointId: string) => [...webhookEndpointsQueryKey, endpointId, 'deliveries'] as const

export function getWebhookDeliveries(endpointId: string, offset: number, { signal }: { signal?: AbortSignal } = {}): Promise<WebhookDeliveryList> {
  return dataOf(
    apiClient.GET('/api/webhook-endpoints/{id}/deliveries', {
      params: { path: { id: endpointId }, query: { limit: webhookDeliveriesPageSize, offset } },
      signal,
    }),
  )
}

export function webhookDeliveriesQueryOptions(endpointId: string, offset: number) {
  return queryOptions({
    queryKey: [...webhookDeliveriesQueryKey(endpointId), offset] as const,
    queryFn: ({ signal }) => getWebhookDeliveries(endpointId, offset, { signal }),
    placeholderData: keepPreviousData,
    // Deliveries happen in the background: the open log follows them, faster while some are still pending.
    refetchInterval: (query) => (query.state.data?.items.some((delivery) => delivery.status === 'pending') ? 2000 : 5000),
  })
}

export function useWebhookDeliveries(endpointId: string, offset: number) {
  return useQuery(webhookDeliveriesQueryOptions(endpointId, offset))
}
