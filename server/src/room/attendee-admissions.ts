import type { RoomAdmission } from './room-repository.ts'

/** An attendee's open event stream, with the version of the link their registration had when it opened. */
export interface AdmittedStream {
  registrationId: string
  joinTokenVersion: number
  /** Ends the stream (the attendee is no longer admitted). */
  end: () => void
}

export interface AttendeeAdmissionsDependencies {
  /** Each of these registrations' status and link version, by id; one absent is a registration that is gone. */
  findAdmissions: (registrationIds: string[]) => Promise<Map<string, RoomAdmission>>
  logger: { warn: (object: object, message: string) => void }
}

/**
 * Attendees' open event streams, checked together: one read every few seconds for all of them (not one per
 * stream). A registration no longer approved (removed, declined, cancelled) or a link retired ends its streams.
 */
export function createAttendeeAdmissions({ findAdmissions, logger }: AttendeeAdmissionsDependencies) {
  const streams = new Set<AdmittedStream>()
  let isChecking = false

  return {
    /** Watches a stream from now on; the returned function stops (when the stream closes). */
    watch(stream: AdmittedStream): () => void {
      streams.add(stream)
      return () => streams.delete(stream)
    },

    /** Reads every watched registration once and ends the streams whose attendee is no longer admitted. */
    async check(): Promise<void> {
      if (isChecking || streams.size === 0) return
      isChecking = true
      try {
        // Only the streams watched when the read starts are judged by it. One that opens while the read is in flight
        // is of a registration the read may not have asked about, and "not in the answer" means "gone": judged by
        // this answer, every attendee who arrived meanwhile would be sent away (and their EventSource reconnect
        // without Last-Event-ID, missing what was sent in between). Its own admission was read as it opened,
        // no earlier than this read; the next check judges it.
        const watched = [...streams]
        const admissions = await findAdmissions([...new Set(watched.map((stream) => stream.registrationId))])
        for (const stream of watched) {
          if (!streams.has(stream)) continue // closed meanwhile
          const admission = admissions.get(stream.registrationId)
          if (!admission?.isApproved || admission.joinTokenVersion !== stream.joinTokenVersion) stream.end()
        }
      } catch (error) {
        // A database blip is not a removal: only a definite answer ends a stream.
        logger.warn({ err: error }, 'room: could not check attendees’ event streams')
      } finally {
        isChecking = false
      }
    },
  }
}

export type AttendeeAdmissions = ReturnType<typeof createAttendeeAdmissions>
