import type { StreamCredentials } from '@webinar/shared/webinars'
import { csrfHeaders, type TestApp } from '../../server/test/support/test-app.ts'

/** One attendee in the call without a browser: the presence connection local mode's room holds open. */
export interface PresenceConnection {
  streamUserId: string
  /** Leaves the call, as closing the tab does. */
  close: () => void
}

/**
 * Joins the webinar's call as the registrant behind `joinToken`, the way the room does in local mode
 * (features/video/hooks/use-local-presence.ts): their viewer credentials from our API, then the emulator's
 * presence stream held open with the call token in `Authorization`. Its events are read and dropped, so the
 * server never waits on a full buffer.
 */
export async function openPresence(testApp: TestApp, joinToken: string): Promise<PresenceConnection> {
  const answer = await fetch(`${testApp.url}/api/join/${joinToken}/stream-token`, { method: 'POST', headers: csrfHeaders })
  if (!answer.ok) throw new Error(`viewer credentials: ${answer.status} ${await answer.text()}`)
  const credentials = (await answer.json()) as StreamCredentials
  if (!credentials.localPresenceUrl) throw new Error('the app is not in local mode: there is no presence connection to open')

  const controller = new AbortController()
  const response = await fetch(new URL(credentials.localPresenceUrl, testApp.url), {
    headers: { authorization: credentials.token, 'stream-auth-type': 'jwt' },
    signal: controller.signal,
  })
  if (response.status !== 200 || !response.body) throw new Error(`presence for ${credentials.userId}: ${response.status} ${await response.text()}`)
  const reader = response.body.getReader()
  void (async () => {
    for (;;) if ((await reader.read()).done) return
  })().catch(() => {})
  return { streamUserId: credentials.userId, close: () => controller.abort() }
}
