// Why this exists: in local mode nobody can watch (there is no Stream SFU), so reports, attendance, the studio's
// viewer count and the follow-up mail would stay empty until someone opened fifty browser tabs. This fills a live
// webinar's call with registrants who come and go, through the same paths real ones take: registered by the
// registrations service (mail, outgoing webhooks, capacity), joining through the Stream emulator's join checks, whose
// webhooks the app turns into attendance as it does Stream's. It exists only in local mode (app.ts mounts its route
// only then); with Stream there is no emulator to join through.

import type { SimulateAttendeesBody, SimulatedAttendees } from '@webinar/shared/simulation'
import { AppError, conflict } from '../errors.ts'
import type { RegistrationService } from '../registrations/registration-service.ts'
import type { StreamEmulator } from '../stream-emulator/stream-emulator.ts'
import type { Staff } from '../users/staff.ts'
import { registrantStreamUserId } from '../video/video-service.ts'
import type { WebinarService } from '../webinars/webinar-service.ts'
import { planAttendeeVisits } from './plan-attendee-visits.ts'

export interface SimulationServiceDependencies {
  /** Who may simulate: whoever may see the webinar (its host, owners and admins). */
  webinars: Pick<WebinarService, 'get'>
  registrations: Pick<RegistrationService, 'list' | 'addByStaff' | 'changeStatus'>
  /** The emulator's stand-in for Stream's SFU: joins checked as Stream checks them, webhooks sent back to the app. */
  participants: Pick<StreamEmulator, 'joinParticipant' | 'leaveParticipant'>
  logger: { info: (object: object, message: string) => void }
  random?: () => number
}

const defaultOverSeconds = 180
/** New registrations go to addresses that can never receive mail (RFC 2606), whatever SMTP is set up. */
const simulatedDomain = 'example.invalid'
const simulatedAddress = /^simulated-attendee-(\d+)@example\.invalid$/

/** Timers of running simulations, per app: unref'd (they never hold the process open) and cleared on close. */
export function createSimulationService(deps: SimulationServiceDependencies) {
  const random = deps.random ?? Math.random
  const timers = new Set<NodeJS.Timeout>()
  /** Registrants already sent in by a simulation, per webinar: pressing again brings new people, not the same ones. */
  const simulated = new Map<string, Set<string>>()

  /** The next "Simulated attendee N" numbers: after the highest one this webinar already has. */
  async function nextSimulatedNumber(webinarId: string): Promise<number> {
    const earlier = await deps.registrations.list(webinarId, { q: `@${simulatedDomain}`, limit: 500 })
    const numbers = earlier.items.map((registration) => Number(simulatedAddress.exec(registration.email)?.[1] ?? 0))
    return Math.max(0, ...numbers) + 1
  }

  /** Registers (and, under manual approval, approves) new people until `wanted` are approved or seats run out. */
  async function registerNewAttendees(webinarId: string, wanted: number): Promise<string[]> {
    const ids: string[] = []
    let number = await nextSimulatedNumber(webinarId)
    for (let made = 0; made < wanted; made++, number++) {
      try {
        const body = { name: `Simulated attendee ${number}`, email: `simulated-attendee-${number}@${simulatedDomain}` }
        const { registration } = await deps.registrations.addByStaff(webinarId, body)
        if (registration.status === 'pending') await deps.registrations.changeStatus(webinarId, registration.id, 'approved')
        else if (registration.status !== 'approved') break
        ids.push(registration.id)
      } catch (error) {
        // No seats left, or registration closed (the scheduled end has passed): simulate with whoever there is.
        if (error instanceof AppError && error.code === 'conflict') break
        throw error
      }
    }
    return ids
  }

  function schedule(at: number, run: () => void): void {
    const timer = setTimeout(() => {
      timers.delete(timer)
      run()
    }, at)
    timer.unref()
    timers.add(timer)
  }

  return {
    async simulate(staff: Staff, webinarId: string, body: SimulateAttendeesBody): Promise<SimulatedAttendees> {
      const webinar = await deps.webinars.get(staff, webinarId)
      if (webinar.status !== 'live') throw conflict('Attendees can be simulated only while the webinar is live: start it first.')
      const already = simulated.get(webinarId) ?? new Set<string>()
      simulated.set(webinarId, already)

      const approved = await deps.registrations.list(webinarId, { status: 'approved', limit: 500 })
      const chosen = approved.items.map((registration) => registration.id).filter((id) => !already.has(id)).slice(0, body.count)
      const registered = await registerNewAttendees(webinarId, body.count - chosen.length)
      chosen.push(...registered)
      if (chosen.length === 0) throw conflict('Nobody is left to simulate: every approved registrant has joined already and there are no seats for more.')
      for (const id of chosen) already.add(id)

      const overSeconds = body.overSeconds ?? defaultOverSeconds
      const { streamCallType: type, streamCallId: id } = webinar
      for (const step of planAttendeeVisits(chosen, overSeconds * 1000, random)) {
        const streamUserId = registrantStreamUserId(step.registrationId)
        schedule(step.atMs, () => {
          try {
            if (step.action === 'join') deps.participants.joinParticipant(type, id, streamUserId, { role: 'viewer' })
            else deps.participants.leaveParticipant(type, id, streamUserId)
          } catch (error) {
            // Refused as Stream would refuse it (the webinar ended, the call is full, the person was blocked): a
            // real viewer would not get in either, and the rest of the audience goes on.
            deps.logger.info({ err: error, webinarId, action: step.action }, 'simulated attendee: step refused')
          }
        })
      }
      return { count: chosen.length, registered: registered.length, overSeconds }
    },

    /** Drops every pending step (the app is closing). */
    stop(): void {
      for (const timer of timers) clearTimeout(timer)
      timers.clear()
    },
  }
}

export type SimulationService = ReturnType<typeof createSimulationService>
