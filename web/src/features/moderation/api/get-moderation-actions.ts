import type { ModerationActionList } from '@webinar/shared/moderation'
import { queryOptions, useQuery } from '@tanstack/react-query'
import { apiClient, dataOf } from '@/lib/api-client'

export const moderationActionsQueryKey = (webinarId: string) => ['moderation-actions', webinarId] as const

/** While the webinar is live, moderators act: the list is read again this often. */
const livePollMs = 15_000

/** What the webinar's moderators did, oldest first (its audit list). */
export function getModerationActions(webinarId: string, { signal }: { signal?: AbortSignal } = {}): Promise<ModerationActionList> {
  return dataOf(apiClient.GET('/api/webinars/{id}/moderation-actions', { params: { path: { id: webinarId } }, signal }))
}

export function moderationActionsQueryOptions(webinarId: string, { isLive = false }: { isLive?: boolean } = {}) {
  return queryOptions({
    queryKey: moderationActionsQueryKey(webinarId),
    queryFn: ({ signal }) => getModerationActions(webinarId, { signal }),
    refetchInterval: isLive ? livePollMs : false,
  })
}

export function useModerationActions(webinarId: string, options: { isLive?: boolean } = {}) {
  return useQuery(moderationActionsQueryOptions(webinarId, options))
}
