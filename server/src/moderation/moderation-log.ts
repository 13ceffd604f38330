import type { ModerationAction, ModerationActionKind } from '@webinar/shared/moderation'
import type { Clock } from '../clock.ts'
import type { Database } from '../db/client.ts'
import type { RoomHub } from '../room/room-hub.ts'
import { moderationActionRepository, type ModerationActionRow } from './moderation-action-repository.ts'

export interface ModerationActionInput {
  webinarId: string
  action: ModerationActionKind
  /** Who acted: a staff user (`userId`) or a guest panelist (no account: `userId` null). */
  actor: { name: string; userId: string | null }
  /** Whom it was about, when someone: a registrant (`registrationId`) or a speaker (null). */
  target?: { name: string; registrationId: string | null }
  detail?: Record<string, unknown>
}

export function toModerationAction(row: ModerationActionRow): ModerationAction {
  return {
    id: row.id,
    action: row.action as ModerationActionKind,
    actorName: row.actorName,
    targetName: row.targetName,
    detail: row.detail,
    createdAt: row.createdAt.toISOString(),
  }
}

/**
 * What moderators did, kept on the webinar (its audit list) and told to the other moderators as it happens (room
 * event `moderation.action`, which attendees' event streams never carry). `record` takes the database handle of
 * the action's own transaction, so the record and its announcement exist exactly when the action does.
 */
export function createModerationLog({ hub, clock }: { hub: Pick<RoomHub, 'publish'>; clock: Clock }) {
  return {
    async record(db: Database, input: ModerationActionInput): Promise<ModerationAction> {
      const row = await moderationActionRepository.insert(db, {
        webinarId: input.webinarId,
        action: input.action,
        actorName: input.actor.name,
        actorUserId: input.actor.userId,
        targetName: input.target?.name ?? null,
        targetRegistrationId: input.target?.registrationId ?? null,
        detail: input.detail ?? {},
        createdAt: clock.now(),
      })
      const action = toModerationAction(row)
      await hub.publish(db, input.webinarId, 'moderation.action', action, { audience: 'moderators' })
      return action
    },
    /** The webinar's actions, oldest first. */
    async list(db: Database, webinarId: string): Promise<ModerationAction[]> {
      return (await moderationActionRepository.listForWebinar(db, webinarId)).map(toModerationAction)
    },
  }
}

export type ModerationLog = ReturnType<typeof createModerationLog>
export type RecordModeration = ModerationLog['record']
