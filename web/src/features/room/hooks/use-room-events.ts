import type { ModerationAction } from '@webinar/shared/moderation'
import type { ChatMessage, Poll, Question, RoomState } from '@webinar/shared/room'
import type { WebinarStatus } from '@webinar/shared/webinars'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useEffectEvent, useState } from 'react'
import { toast } from 'sonner'
import { meQueryOptions } from '@/features/auth/api/get-me'
import { describeModerationAction } from '@/features/moderation/components/moderation-action-text'
import { roomStateQueryKey, roomStateQueryOptions, updateRoomState } from '../api/get-room-state'
import type { RoomAuth } from '../utils/room-auth'
import { openRoomEventSource } from '../api/open-room-events'
import {
  addChatMessage,
  hideQuestion,
  removeChatMessage,
  setCaptioning,
  setChatMute,
  setSlowMode,
  setWebinarStatus,
  upsertPoll,
  upsertQuestion,
  type ChatMuteChange,
} from '../utils/room-cache'

export type RoomConnection = 'connecting' | 'open' | 'reconnecting'

const restartDelayMs = 2000
// Votes in a poll whose results are not shared are not broadcast: hosts read the room again to follow them.
const hostPollRefreshMs = 5000

function parse<T>(event: MessageEvent<string>): T {
  return JSON.parse(event.data) as T
}

/**
 * The room, live: reads its state once, then follows its Server-Sent Events from `lastEventId`, applying each
 * to the cached state (by id, so nothing is applied twice). The browser reconnects on its own and resends
 * Last-Event-ID; when it gives up (the server refused or went away), the state is read again and the stream
 * restarted from there. `auth` must keep its identity between renders.
 *
 * Moderators see what the other moderators do as a toast ("Ana muted Bob in the chat"). An attendee a moderator
 * removed is told so (`isRemoved`) and the stream is not started again.
 */
export function useRoomEvents(
  webinarId: string,
  auth: RoomAuth,
  {
    onWebinarStatus,
    onCaptions,
    onStageChanged,
  }: { onWebinarStatus?: (status: WebinarStatus) => void; onCaptions?: (isOn: boolean) => void; onStageChanged?: () => void } = {},
) {
  const queryClient = useQueryClient()
  const isHost = auth.kind === 'host'
  const roomState = useQuery({
    ...roomStateQueryOptions(webinarId, auth),
    refetchInterval: ({ state }) =>
      isHost && state.data?.polls.some((poll) => poll.status === 'open' && !poll.areResultsShared) ? hostPollRefreshMs : false,
  })
  const [connection, setConnection] = useState<RoomConnection>('connecting')
  const [isRemoved, setIsRemoved] = useState(false)
  const hasState = roomState.isSuccess
  const notifyStatus = useEffectEvent((status: WebinarStatus) => onWebinarStatus?.(status))
  const notifyCaptions = useEffectEvent((isOn: boolean) => onCaptions?.(isOn))
  // One's own actions show in the room itself; the other moderators' are said (names are the server's, as it wrote them).
  const me = useQuery({ ...meQueryOptions(), enabled: isHost })
  const myName = me.data?.user.name
  const notifyModerationAction = useEffectEvent((action: ModerationAction) => {
    if (action.actorName !== myName) toast(describeModerationAction(action))
  })
  const notifyStageChanged = useEffectEvent(() => onStageChanged?.())

  useEffect(() => {
    if (!hasState) return
    const key = roomStateQueryKey(webinarId, auth)
    let source: EventSource | null = null
    let restartTimer: ReturnType<typeof setTimeout> | undefined
    let isClosed = false

    const apply = (event: MessageEvent<string>, change: (state: RoomState) => RoomState) => {
      const id = Number(event.lastEventId)
      updateRoomState(queryClient, webinarId, auth, (state) => {
        const next = change(state)
        return Number.isFinite(id) && id > next.lastEventId ? { ...next, lastEventId: id } : next
      })
    }

    const connect = async (fromId: number) => {
      const opened = await openRoomEventSource(webinarId, auth, fromId)
      if (isClosed) {
        opened.close()
        return
      }
      source = opened
      source.onopen = () => setConnection('open')
      source.addEventListener('chat.message', (event) => apply(event, (state) => addChatMessage(state, parse<ChatMessage>(event))))
      source.addEventListener('chat.hidden', (event) => apply(event, (state) => removeChatMessage(state, parse<{ id: string }>(event).id)))
      source.addEventListener('chat.slow_mode', (event) => apply(event, (state) => setSlowMode(state, parse<{ seconds: number }>(event).seconds)))
      source.addEventListener('chat.mute_changed', (event) => apply(event, (state) => setChatMute(state, parse<ChatMuteChange>(event))))
      source.addEventListener('moderation.action', (event) => notifyModerationAction(parse<ModerationAction>(event)))
      source.addEventListener('attendee.removed', (event) => {
        // Moderators hear of every removal (the moderation log says who): the removed are no longer muted anyone here.
        // Only an attendee's own stream is about them.
        if (isHost) {
          const { registrationId } = parse<{ registrationId: string }>(event)
          apply(event, (state) => setChatMute(state, { registrationId, name: '', isMuted: false }))
          return
        }
        // The server ends the stream after this: nothing here may start it again (the link is retired anyway).
        isClosed = true
        source?.close()
        setIsRemoved(true)
      })
      source.addEventListener('question.updated', (event) => apply(event, (state) => upsertQuestion(state, parse<Question>(event))))
      source.addEventListener('question.hidden', (event) => apply(event, (state) => hideQuestion(state, parse<{ id: string }>(event).id, isHost)))
      source.addEventListener('poll.updated', (event) => apply(event, (state) => upsertPoll(state, parse<Poll>(event), { isHost })))
      source.addEventListener('webinar.status', (event) => {
        const { status } = parse<{ status: WebinarStatus }>(event)
        apply(event, (state) => setWebinarStatus(state, status))
        notifyStatus(status)
      })
      source.addEventListener('captions', (event) => {
        const { isOn } = parse<{ isOn: boolean }>(event)
        apply(event, (state) => setCaptioning(state, isOn))
        notifyCaptions(isOn)
      })
      // No payload: each listener reads again what it may see of the stage (the queue's names are for moderators).
      source.addEventListener('stage.changed', (event) => {
        apply(event, (state) => state)
        notifyStageChanged()
      })
      source.onerror = () => {
        setConnection('reconnecting')
        if (source?.readyState !== EventSource.CLOSED) return // the browser retries by itself
        source.close()
        restartTimer = setTimeout(restart, restartDelayMs)
      }
    }

    const restart = () => {
      if (isClosed) return
      queryClient.fetchQuery({ ...roomStateQueryOptions(webinarId, auth), staleTime: 0 }).then(
        (state) => {
          if (isClosed) return
          notifyStatus(state.webinarStatus)
          connect(state.lastEventId).catch(retryLater)
        },
        retryLater,
      )
    }
    const retryLater = () => {
      if (!isClosed) restartTimer = setTimeout(restart, restartDelayMs * 2)
    }

    connect(queryClient.getQueryData<RoomState>(key)?.lastEventId ?? 0).catch(retryLater)
    return () => {
      isClosed = true
      clearTimeout(restartTimer)
      source?.close()
    }
  }, [hasState, webinarId, auth, isHost, queryClient])

  return { roomState, connection, isRemoved }
}
