import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiClient, noContent } from '@/lib/api-client'
import { apiKeysQueryKey } from './get-api-keys'

export function revokeApiKey(apiKeyId: string): Promise<void> {
  return noContent(apiClient.DELETE('/api/api-keys/{id}', { params: { path: { id: apiKeyId } } }))
}

export function useRevokeApiKey() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: revokeApiKey,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeysQueryKey }),
  })
}
