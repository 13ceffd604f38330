import type { ModerationAction, ModerationActionKind } from '@webinar/shared/moderation'

/** What was done, without who did it or to whom: the audit list's "What" column. */
export const moderationActionLabels: Record<ModerationActionKind, string> = {
  'chat.muted': 'Muted in the chat',
  'chat.unmuted': 'Unmuted in the chat',
  'chat.message_deleted': 'Deleted a message',
  'chat.slow_mode_changed': 'Changed slow mode',
  'attendee.removed': 'Removed from the webinar',
  'stage.accepted': 'Brought on stage',
  'stage.dismissed': 'Dismissed a raised hand',
  'stage.ended': 'Took off stage',
  'speaker.invited': 'Invited as a speaker',
  'speaker.removed': 'Removed as a speaker',
}

/** "one message every 10 s", "slow mode off": a slow-mode interval as the room says it. */
export function describeSlowMode(seconds: number): string {
  return seconds === 0 ? 'slow mode off' : `one message every ${seconds} s`
}

/** The slow-mode interval an action set, if it is one. */
export function slowModeSecondsOf(action: ModerationAction): number | null {
  const { seconds } = action.detail as { seconds?: unknown }
  return action.action === 'chat.slow_mode_changed' && typeof seconds === 'number' ? seconds : null
}

/** The start of a deleted message, as the log kept it. */
export function deletedExcerptOf(action: ModerationAction): string | null {
  const { excerpt } = action.detail as { excerpt?: unknown }
  return action.action === 'chat.message_deleted' && typeof excerpt === 'string' ? excerpt : null
}

/** One sentence for one action, e.g. "Ana muted Bob in the chat": what moderators read as it happens. */
export function describeModerationAction(action: ModerationAction): string {
  const { actorName: actor } = action
  const target = action.targetName ?? 'someone'
  switch (action.action) {
    case 'chat.muted':
      return `${actor} muted ${target} in the chat`
    case 'chat.unmuted':
      return `${actor} unmuted ${target} in the chat`
    case 'chat.message_deleted':
      return `${actor} deleted a message from ${target}`
    case 'chat.slow_mode_changed': {
      const seconds = slowModeSecondsOf(action)
      if (seconds === null) return `${actor} changed slow mode`
      return seconds === 0 ? `${actor} turned slow mode off` : `${actor} set slow mode to ${describeSlowMode(seconds)}`
    }
    case 'attendee.removed':
      return `${actor} removed ${target} from the webinar`
    case 'stage.accepted':
      return `${actor} brought ${target} on stage`
    case 'stage.dismissed':
      return `${actor} dismissed ${target}’s raised hand`
    case 'stage.ended':
      return `${actor} took ${target} off stage`
    case 'speaker.invited':
      return `${actor} invited ${target} to speak`
    case 'speaker.removed':
      return `${actor} removed ${target} as a speaker`
  }
}
