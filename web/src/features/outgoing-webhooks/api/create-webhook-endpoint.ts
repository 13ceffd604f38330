import type { CreateWebhookEndpointBody, WebhookEndpointWithSecret } from '@webinar/shared/outgoing-webhooks'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'
import { webhookEndpointsQueryKey } from './get-webhook-endpoints'

export function createWebhookEndpoint(body: CreateWebhookEndpointBody): Promise<WebhookEndpointWithSecret> {
  return dataOf(apiClient.POST('/api/webhook-endpoints', { body }))
}

export function useCreateWebhookEndpoint() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: createWebhookEndpoint,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhookEndpointsQueryKey }),
  })
}
