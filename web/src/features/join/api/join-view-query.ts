import { queryOptions, useQuery } from '@tanstack/react-query'
import { getJoinView } from './get-join-view'

// The room's reading of the personal link's view (the app has react-query; the personal pages use get-join-view.ts).

export function joinViewQueryKey(token: string) {
  return ['join', token] as const
}

export function joinViewQueryOptions(token: string) {
  return queryOptions({ queryKey: joinViewQueryKey(token), queryFn: ({ signal }) => getJoinView(token, { signal }) })
}

export function useJoinViewQuery(token: string) {
  return useQuery(joinViewQueryOptions(token))
}
