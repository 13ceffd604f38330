import type { Role } from '@webinar/shared/users'

export const roleLabels: Record<Role, string> = { owner: 'Owner', admin: 'Admin', host: 'Host' }

export const roleDescriptions: Record<Role, string> = {
  owner: 'Owns this installation; cannot be removed.',
  admin: 'Manages every webinar, the staff and the settings.',
  host: 'Runs the webinars they are given; cannot manage staff.',
}
