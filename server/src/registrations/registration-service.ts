import type { RegisterBody, RegistrationListQuery } from '@webinar/shared/registrations'
import type { Webinar } from '@webinar/shared/webinars'
import type { Transaction } from '../db/transaction.ts'
import type { WebinarRecord } from '../webinars/webinar-repository.ts'
import { changeRegistrationStatus, type ChangeRegistrationStatusDependencies, type ChangeRegistrationStatusOptions } from './change-registration-status.ts'
import { exportRegistrationsCsv } from './export-registrations.ts'
import { listRegistrations } from './list-registrations.ts'
import { getPublicWebinar } from './public-webinar.ts'
import { addRegistrationByStaff, registerInTransaction, registerPublicly, type RegisterDependencies } from './register.ts'
import { resendLink, type ResendLinkDependencies } from './resend-link.ts'

export type RegistrationServiceDependencies = RegisterDependencies & ChangeRegistrationStatusDependencies & ResendLinkDependencies

/** The registrations domain's operations (one file each), bound to their dependencies for the routes. */
export function createRegistrationService(deps: RegistrationServiceDependencies) {
  return {
    getPublicWebinar: (slug: string) => getPublicWebinar(deps, slug),
    registerPublicly: (slug: string, body: RegisterBody) => registerPublicly(deps, slug, body),
    addByStaff: (webinarId: string, body: RegisterBody) => addRegistrationByStaff(deps, webinarId, body),
    /** One registration inside the caller's transaction, mailed or not (a series mails once for several). */
    registerInTransaction: (transaction: Transaction, record: WebinarRecord, body: RegisterBody, options: { source: 'public' | 'admin'; isMailed: boolean }) =>
      registerInTransaction(deps, transaction, record, body, options),
    changeStatus: (webinarId: string, registrationId: string, to: 'approved' | 'rejected' | 'cancelled', options?: ChangeRegistrationStatusOptions) =>
      changeRegistrationStatus(deps, webinarId, registrationId, to, options),
    resendLink: (webinarId: string, registrationId: string) => resendLink(deps, webinarId, registrationId),
    list: (webinarId: string, query: RegistrationListQuery) => listRegistrations(deps, webinarId, query),
    exportCsv: (webinar: Webinar) => exportRegistrationsCsv(deps, webinar),
  }
}

export type RegistrationService = ReturnType<typeof createRegistrationService>
