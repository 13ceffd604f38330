import type { RtmpIngress } from '@webinar/shared/webinars'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'

export const rtmpIngressQueryKey = (webinarId: string) => ['rtmp-ingress', webinarId] as const

/** Where an encoder such as OBS sends the broadcast: the call's RTMP address, and a stream key (a host token). */
export function getRtmpIngress(webinarId: string, { signal }: { signal?: AbortSignal } = {}): Promise<RtmpIngress> {
  return dataOf(apiClient.POST('/api/webinars/{id}/rtmp-ingress', { params: { path: { id: webinarId } }, signal }))
}

/**
 * For the panel that shows it, which mounts only while open: forgotten when it closes, as the key is a secret
 * kept in memory no longer than it is shown, and each opening gets a fresh one.
 */
export function useRtmpIngress(webinarId: string) {
  return useQuery(
    queryOptions({
      queryKey: rtmpIngressQueryKey(webinarId),
      queryFn: ({ signal }) => getRtmpIngress(webinarId, { signal }),
      staleTime: Infinity,
      gcTime: 0,
    }),
  )
}
