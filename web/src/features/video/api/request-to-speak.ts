import type { StreamCredentials } from '@webinar/shared/webinars'
import { ApiError, networkErrorStatus } from '@/lib/api-error'

/** What a raised hand asks Stream for: to be heard and seen. */
export const stagePermissions = ['send-audio', 'send-video'] as const

export const handNotRaisedMessage = 'Your hand could not be raised: the host may have turned raising hands off. Try again in a moment.'

/**
 * Local mode's hand-raise: Stream's capability request, sent by the browser to the emulator exactly as Stream's SDK
 * sends it to Stream (the user's token, no "Bearer"). Stream then tells our API (its webhook), which puts the hand
 * in the studio's queue. The emulator sits where the presence connection is, before its `/local/calls/` part.
 */
export async function requestToSpeakLocally(credentials: StreamCredentials): Promise<void> {
  const presenceUrl = credentials.localPresenceUrl
  if (!presenceUrl) throw new Error('requestToSpeakLocally is for local mode only')
  const emulatorBase = presenceUrl.slice(0, presenceUrl.indexOf('/local/calls/'))
  const callPath = `${encodeURIComponent(credentials.callType)}/${encodeURIComponent(credentials.callId)}`
  let response: Response
  try {
    response = await fetch(`${emulatorBase}/video/call/${callPath}/request_permission?api_key=${encodeURIComponent(credentials.apiKey)}`, {
      method: 'POST',
      headers: { authorization: credentials.token, 'stream-auth-type': 'jwt', 'content-type': 'application/json' },
      body: JSON.stringify({ permissions: stagePermissions }),
    })
  } catch {
    throw new ApiError({ status: networkErrorStatus, code: 'network_error', message: 'Could not reach the video service. Check your connection and try again.' })
  }
  if (!response.ok) throw new ApiError({ status: response.status, code: 'hand_not_raised', message: handNotRaisedMessage })
}
