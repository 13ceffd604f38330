import type { StreamCredentials } from '@webinar/shared/webinars'
import { useEffect, useEffectEvent, useState } from 'react'
import { parseCallParticipants } from '../utils/call-participants'
import type { CallPresence } from '../utils/viewer-count'

export type LocalPresenceStatus = 'connecting' | 'in-call' | 'refused' | 'ended'

const retryDelayMs = 3000

/** Reads `event:`/`data:` pairs off a text/event-stream body. */
async function readEvents(body: ReadableStream<Uint8Array>, onEvent: (type: string, data: string) => void): Promise<void> {
  const reader = body.getReader()
  const decoder = new TextDecoder()
  let buffer = ''
  for (;;) {
    const { value, done } = await reader.read()
    if (done) return
    buffer += decoder.decode(value, { stream: true })
    let boundary = buffer.indexOf('\n\n')
    while (boundary >= 0) {
      const block = buffer.slice(0, boundary)
      buffer = buffer.slice(boundary + 2)
      const type = /^event: (.*)$/m.exec(block)?.[1]
      const data = /^data: (.*)$/m.exec(block)?.[1]
      if (type) onEvent(type, data ?? '')
      boundary = buffer.indexOf('\n\n')
    }
  }
}

/**
 * Local mode's connection to the call, in place of the Stream SDK's: while this page holds it open, the
 * emulator counts this person in the call and sends Stream's participant webhooks; leaving the page (or closing
 * the tab) closes it, which is leaving. The token goes in `Authorization`, never in the URL (fetch, not
 * EventSource, for that reason). Does nothing outside local mode.
 */
export function useLocalPresence(credentials: StreamCredentials, { onPresence }: { onPresence?: (presence: CallPresence) => void } = {}) {
  const [status, setStatus] = useState<LocalPresenceStatus>('connecting')
  const reportPresence = useEffectEvent((presence: CallPresence) => onPresence?.(presence))
  const url = credentials.isLocalMode ? credentials.localPresenceUrl : null
  const { token, userName } = credentials

  useEffect(() => {
    if (!url) return
    const controller = new AbortController()
    let retryTimer: ReturnType<typeof setTimeout> | undefined

    const connect = async () => {
      setStatus('connecting')
      let hasEnded = false
      try {
        // The name goes with the connection, as Stream's connectUser sends its user: others' stage tiles show it.
        const headers = { authorization: token, 'stream-auth-type': 'jwt', 'x-stream-user-name': encodeURIComponent(userName) }
        const response = await fetch(url, { headers, signal: controller.signal })
        // Stream refuses a viewer while the call is in backstage, and anyone once it has ended: not worth retrying.
        if (response.status === 403 || response.status === 400) {
          setStatus('refused')
          return
        }
        if (!response.ok || !response.body) throw new Error(`presence answered ${response.status}`)
        setStatus('in-call')
        await readEvents(response.body, (type, data) => {
          if (type === 'ended') hasEnded = true
          if (type !== 'participants') return
          const counts = JSON.parse(data) as { participant_count: number; participants_count_by_role: Record<string, number>; participants?: unknown }
          reportPresence({
            participantCount: counts.participant_count,
            countByRole: counts.participants_count_by_role,
            participants: parseCallParticipants(counts.participants),
          })
        })
      } catch {
        if (controller.signal.aborted) return
      }
      if (controller.signal.aborted) return
      if (hasEnded) {
        setStatus('ended')
        return
      }
      retryTimer = setTimeout(() => void connect(), retryDelayMs)
    }

    void connect()
    return () => {
      clearTimeout(retryTimer)
      controller.abort()
    }
  }, [url, token, userName])

  return url ? status : null
}
