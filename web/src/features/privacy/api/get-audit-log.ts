import type { AuditLog } from '@webinar/shared/privacy'
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'

export const auditLogPageSize = 20

export const auditLogQueryKey = ['audit-log'] as const

export function getAuditLog(offset: number, { signal }: { signal?: AbortSignal } = {}): Promise<AuditLog> {
  return dataOf(apiClient.GET('/api/audit-log', { params: { query: { limit: auditLogPageSize, offset } }, signal }))
}

export function auditLogQueryOptions(offset: number) {
  return queryOptions({
    queryKey: [...auditLogQueryKey, offset] as const,
    queryFn: ({ signal }) => getAuditLog(offset, { signal }),
    placeholderData: keepPreviousData,
  })
}

export function useAuditLog(offset: number, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...auditLogQueryOptions(offset), enabled })
}
