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
