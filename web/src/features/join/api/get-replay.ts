import type { Replay } from '@webinar/shared/recordings'
import { requestApi } from '@/lib/api-request'
import { usePublicQuery } from '@/lib/public-query'

/** While Stream is still processing the recording, ask again this often: it shows up without a reload. */
export const replayPollMs = 15_000

/** The replay behind a personal link (approved registrations): a 403 for others, a 404 for an unknown link. */
export function getReplay(token: string): Promise<Replay> {
  return requestApi('get', '/api/join/{token}/replay', { path: { token } })
}

/**
 * Read whenever a player shows it: the file's addresses are signed by Stream and expire, so a page opened again
 * gets fresh ones (and a player whose file is refused asks again, see replay-player.tsx).
 */
export function useReplay(token: string) {
  return usePublicQuery(`replay:${token}`, () => getReplay(token), {
    refetchIntervalMs: (replay) => (replay?.status === 'processing' ? replayPollMs : false),
  })
}
