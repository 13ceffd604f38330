import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api } from '@/lib/api-client'
import { apiKeysQueryKey } from './get-api-keys'

export function revokeApiKey(apiKeyId: string): Promise<void> {
  return api.delete(`/api/api-keys/${encodeURIComponent(apiKeyId)}`)
}

export function useRevokeApiKey() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: revokeApiKey,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeysQueryKey }),
  })
}
