import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiClient, noContent } from '@/lib/api-client'
import { webhookEndpointsQueryKey } from './get-webhook-endpoints'

export function deleteWebhookEndpoint(endpointId: string): Promise<void> {
  return noContent(apiClient.DELETE('/api/webhook-endpoints/{id}', { params: { path: { id: endpointId } } }))
}

export function useDeleteWebhookEndpoint() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: deleteWebhookEndpoint,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: webhookEndpointsQueryKey }),
  })
}
