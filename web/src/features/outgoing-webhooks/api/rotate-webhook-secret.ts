import type { WebhookEndpointWithSecret } from '@webinar/shared/outgoing-webhooks'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'
import { webhookEndpointsQueryKey } from './get-webhook-endpoints'

export function rotateWebhookSecret(endpointId: string): Promise<WebhookEndpointWithSecret> {
  return dataOf(apiClient.POST('/api/webhook-endpoints/{id}/rotate-secret', { params: { path: { id: endpointId } } }))
}

export function useRotateWebhookSecret() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: rotateWebhookSecret,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhookEndpointsQueryKey }),
  })
}
