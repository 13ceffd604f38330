import { createHmac } from 'node:crypto'
import { createSigner, createVerifier } from 'fast-jwt'
import type { Clock } from '../clock.ts'

/** Who a room ticket lets in: one approved registration, to one webinar's event stream. */
export interface RoomTicketClaims {
  webinarId: string
  registrationId: string
  name: string
}

const audience = 'room-events'
const ticketSeconds = 10 * 60

/**
 * Short-lived tickets for the room's event stream. EventSource cannot send headers, so whatever authenticates
 * it travels in the URL, where access logs keep it: a ticket that opens one webinar's stream for ten minutes
 * instead of the join token itself. The client asks for a fresh one whenever its stream has to start again.
 * Signed (HS256, fast-jwt) with a key of its own derived from the server secret, so a ticket is never a session.
 */
export function createRoomTickets(serverSecret: string, clock: Clock) {
  const key = createHmac('sha256', serverSecret).update('room-ticket-key/v1').digest('hex')
  const sign = createSigner({ key, algorithm: 'HS256', noTimestamp: true })
  // Expiry is checked against the injected clock below, not the wall clock.
  const verify = createVerifier({ key, algorithms: ['HS256'], allowedAud: audience, ignoreExpiration: true })

  return {
    issue(claims: RoomTicketClaims): { ticket: string; expiresAt: Date } {
      const expiresAtSeconds = Math.floor(clock.now().getTime() / 1000) + ticketSeconds
      const ticket = sign({ aud: audience, sub: claims.registrationId, wid: claims.webinarId, name: claims.name, exp: expiresAtSeconds })
      return { ticket, expiresAt: new Date(expiresAtSeconds * 1000) }
    },
    /** The claims of a valid, unexpired ticket; null for anything else (forged, expired, malformed). */
    read(ticket: string): RoomTicketClaims | null {
      let payload: { sub?: unknown; wid?: unknown; name?: unknown; exp?: unknown }
      try {
        payload = verify(ticket) as typeof payload
      } catch {
        return null
      }
      if (typeof payload.exp !== 'number' || payload.exp * 1000 <= clock.now().getTime()) return null
      if (typeof payload.sub !== 'string' || typeof payload.wid !== 'string' || typeof payload.name !== 'string') return null
      return { registrationId: payload.sub, webinarId: payload.wid, name: payload.name }
    },
  }
}

export type RoomTickets = ReturnType<typeof createRoomTickets>
