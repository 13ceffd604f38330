import type { Database } from '../db/client.ts'
import { userRepository } from '../users/user-repository.ts'
import { registrantStreamUserId, staffStreamUserId } from '../video/video-service.ts'
import { attendanceRepository } from './attendance-repository.ts'

/** Whose a Stream session is: a registrant of this webinar, a staff member, or someone this app does not know. */
export interface StreamUserOwner {
  registrationId: string | null
  userId: string | null
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * The id inside a Stream user id minted by `make` (video-service.ts), if it is one: read back through `make`
 * itself, so the prefixes live in one place. Only UUIDs are looked up (anything else is nobody we know).
 */
function idInside(streamUserId: string, make: (id: string) => string): string | undefined {
  const candidate = streamUserId.slice(streamUserId.indexOf('_') + 1)
  return uuidPattern.test(candidate) && make(candidate) === streamUserId ? candidate.toLowerCase() : undefined
}

/**
 * Maps Stream user ids to registrations of this webinar (`registrantStreamUserId`) and staff (`staffStreamUserId`).
 * A registrant of another webinar, a removed user or a stranger is unknown: recorded, never counted.
 */
export async function identifyStreamUsers(db: Database, webinarId: string, streamUserIds: Iterable<string>): Promise<Map<string, StreamUserOwner>> {
  const owners = new Map<string, StreamUserOwner>()
  const registrationIdOf = new Map<string, string>()
  const staffIdOf = new Map<string, string>()
  for (const streamUserId of new Set(streamUserIds)) {
    owners.set(streamUserId, { registrationId: null, userId: null })
    const registrationId = idInside(streamUserId, registrantStreamUserId)
    const staffId = idInside(streamUserId, staffStreamUserId)
    if (registrationId) registrationIdOf.set(streamUserId, registrationId)
    else if (staffId) staffIdOf.set(streamUserId, staffId)
  }
  const registrationsHere = await attendanceRepository.filterRegistrationsOf(db, webinarId, [...new Set(registrationIdOf.values())])
  for (const [streamUserId, registrationId] of registrationIdOf) {
    if (registrationsHere.has(registrationId)) owners.set(streamUserId, { registrationId, userId: null })
  }
  // Staff in the call are a handful: looked up one by one.
  for (const [streamUserId, userId] of staffIdOf) {
    if (await userRepository.findById(db, userId)) owners.set(streamUserId, { registrationId: null, userId })
  }
  return owners
}
