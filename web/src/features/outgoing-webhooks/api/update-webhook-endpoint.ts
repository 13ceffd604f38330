import type { UpdateWebhookEndpointBody, WebhookEndpoint } from '@webinar/shared/outgoing-webhooks'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'
import { webhookEndpointsQueryKey } from './get-webhook-endpoints'

export function updateWebhookEndpoint({ endpointId, body }: { endpointId: string; body: UpdateWebhookEndpointBody }): Promise<WebhookEndpoint> {
  return dataOf(apiClient.PATCH('/api/webhook-endpoints/{id}', { params: { path: { id: endpointId } }, body }))
}

export function useUpdateWebhookEndpoint() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: updateWebhookEndpoint,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhookEndpointsQueryKey }),
  })
}
