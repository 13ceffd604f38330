import type { Registration, RegistrationStatus } from '@webinar/shared/registrations'

export const registrationStatusLabels: Record<RegistrationStatus, string> = {
  approved: 'Approved',
  pending: 'Pending',
  waitlisted: 'Waitlisted',
  cancelled: 'Cancelled',
  rejected: 'Rejected',
}

export const registrationSourceLabels: Record<Registration['source'], string> = {
  public: 'Public page',
  admin: 'Added by staff',
}

// What the server allows from each state (server/src/registrations/registration-service.ts): offering only
// these saves a pointless round trip and an error.
export const canApprove = (status: RegistrationStatus) => status === 'pending' || status === 'waitlisted'
export const canReject = (status: RegistrationStatus) => status === 'pending' || status === 'waitlisted' || status === 'approved'
export const canResendLink = (status: RegistrationStatus) => status !== 'cancelled' && status !== 'rejected'
