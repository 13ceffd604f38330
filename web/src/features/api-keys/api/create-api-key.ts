import type { CreateApiKeyBody, CreatedApiKey } from '@webinar/shared/api-keys'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'
import { apiKeysQueryKey } from './get-api-keys'

export function createApiKey(body: CreateApiKeyBody): Promise<CreatedApiKey> {
  return dataOf(apiClient.POST('/api/api-keys', { body }))
}

export function useCreateApiKey() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: createApiKey,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiKeysQueryKey }),
  })
}
