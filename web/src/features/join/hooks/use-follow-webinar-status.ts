import type { WebinarStatus } from '@webinar/shared/webinars'
import { useEffect, useEffectEvent } from 'react'
import { openRoomEventSource } from '@/features/room/api/open-room-events'

const restartDelayMs = 3000

/**
 * Follows a webinar's status from its room's event stream while an approved registrant waits on their
 * personal page. One long-lived connection per waiting attendee, fanned out by the server from one LISTEN,
 * instead of polls that grow with the audience; the stream starts from now, so no history is replayed.
 * After each (re)connection `onConnected` lets the page read the status once, for a change missed meanwhile.
 */
export function useFollowWebinarStatus(
  { webinarId, joinToken, isEnabled }: { webinarId: string; joinToken: string; isEnabled: boolean },
  { onStatus, onConnected }: { onStatus: (status: WebinarStatus) => void; onConnected?: () => void },
) {
  const notifyStatus = useEffectEvent(onStatus)
  const notifyConnected = useEffectEvent(() => onConnected?.())

  useEffect(() => {
    if (!isEnabled) return
    let source: EventSource | null = null
    let restartTimer: ReturnType<typeof setTimeout> | undefined
    let isClosed = false

    const connect = async () => {
      try {
        const opened = await openRoomEventSource(webinarId, { kind: 'attendee', joinToken })
        if (isClosed) return opened.close()
        source = opened
      } catch {
        if (!isClosed) restartTimer = setTimeout(() => void connect(), restartDelayMs)
        return
      }
      source.onopen = () => notifyConnected()
      source.addEventListener('webinar.status', (event) => notifyStatus((JSON.parse(event.data as string) as { status: WebinarStatus }).status))
      source.onerror = () => {
        // The browser retries by itself unless the server refused (an expired ticket): then start over.
        if (source?.readyState !== EventSource.CLOSED) return
        source.close()
        if (!isClosed) restartTimer = setTimeout(() => void connect(), restartDelayMs)
      }
    }

    void connect()
    return () => {
      isClosed = true
      clearTimeout(restartTimer)
      source?.close()
    }
  }, [webinarId, joinToken, isEnabled])
}
