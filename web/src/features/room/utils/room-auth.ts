/** Who is in the room: the host (session cookie) or an attendee (personal join token). */
export type RoomAuth = { kind: 'host' } | { kind: 'attendee'; joinToken: string }

export const joinTokenHeader = 'x-join-token'

export function roomRequestHeaders(auth: RoomAuth): Record<string, string> | undefined {
  return auth.kind === 'attendee' ? { [joinTokenHeader]: auth.joinToken } : undefined
}

export function roomPath(webinarId: string, rest = ''): string {
  return `/api/rooms/${encodeURIComponent(webinarId)}${rest}`
}

/** Stable part of the room's query key: one cache per person, as hosts and attendees see different things. */
export function roomViewerKey(auth: RoomAuth): string {
  return auth.kind === 'host' ? 'host' : auth.joinToken
}

/**
 * The webinar behind a Stream call id. The join view does not carry the webinar's id, and the server derives
 * the call id from it (`wbn_` and the uuid's 32 hex digits), so the attendee's room reads it back from there.
 */
export function webinarIdOfCallId(callId: string): string | null {
  const match = /^wbn_([0-9a-f]{8})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{4})([0-9a-f]{12})$/i.exec(callId)
  return match ? match.slice(1).join('-') : null
}
