import type { Replay } from '@webinar/shared/recordings'
import { AppError, conflict } from '../errors.ts'
import type { RecordingService } from '../recordings/recording-service.ts'
import { findByJoinToken, type JoinTokenLookupDependencies } from './find-by-join-token.ts'

export interface ReplayDependencies extends JoinTokenLookupDependencies {
  recordings: Pick<RecordingService, 'getReplay'>
}

/** The replay behind a personal link: approved registrations only, like the room. */
export async function getReplay(deps: ReplayDependencies, token: string): Promise<Replay> {
  const { registration, webinar } = await findByJoinToken(deps, token)
  if (registration.status !== 'approved') throw new AppError('forbidden', `This registration is ${registration.status}: it cannot watch the replay.`)
  if (webinar.status === 'cancelled') throw conflict('This webinar was cancelled.')
  return deps.recordings.getReplay(webinar)
}
