import type { WebhookEndpointList } from '@webinar/shared/outgoing-webhooks'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'

export const webhookEndpointsQueryKey = ['webhook-endpoints'] as const

export function getWebhookEndpoints({ signal }: { signal?: AbortSignal } = {}): Promise<WebhookEndpointList> {
  return dataOf(apiClient.GET('/api/webhook-endpoints', { signal }))
}

export function webhookEndpointsQueryOptions() {
  return queryOptions({ queryKey: webhookEndpointsQueryKey, queryFn: getWebhookEndpoints })
}

export function useWebhookEndpoints() {
  return useQuery(webhookEndpointsQueryOptions())
}
