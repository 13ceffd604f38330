import type { WebhookDelivery } from '@webinar/shared/outgoing-webhooks'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'
import { webhookDeliveriesQueryKey } from './get-webhook-deliveries'

export function resendWebhookDelivery({ endpointId, deliveryId }: { endpointId: string; deliveryId: string }): Promise<WebhookDelivery> {
  return dataOf(apiClient.POST('/api/webhook-endpoints/{id}/deliveries/{deliveryId}/resend', { params: { path: { id: endpointId, deliveryId } } }))
}

export function useResendWebhookDelivery() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: resendWebhookDelivery,
    onSuccess: (_, { endpointId }) => queryClient.invalidateQueries({ queryKey: webhookDeliveriesQueryKey(endpointId) }),
  })
}
