import { defaultAccentColour, type PublicBranding } from '@webinar/shared/organisation'
import type { OrganisationRow } from './organisation-repository.ts'

/** The public address of the logo (no account needed: public pages and mail show it). */
export const publicLogoPath = '/api/public/branding/logo'

/**
 * The logo's address, new with each save: browsers and mail clients cache images, and a replaced logo must not
 * linger on a page or in the next mail. The endpoint itself ignores the version.
 */
function logoPathOf(row: OrganisationRow | undefined): string | null {
  return row?.hasLogo ? `${publicLogoPath}?v=${row.updatedAt.getTime()}` : null
}

/** The branding that applies now: what an admin saved, or until then ORGANISATION_NAME and the default accent. */
export function brandingOf(row: OrganisationRow | undefined, defaultName: string): PublicBranding {
  return { name: row?.name ?? defaultName, accentColour: row?.accentColour ?? defaultAccentColour, logoUrl: logoPathOf(row) }
}

/** The branding of a mail: the logo as an absolute address, since mail is read far from this server. */
export function mailBrandingOf(row: OrganisationRow | undefined, defaults: { organisationName: string; publicUrl: string }): PublicBranding {
  const branding = brandingOf(row, defaults.organisationName)
  return { ...branding, logoUrl: branding.logoUrl === null ? null : `${defaults.publicUrl}${branding.logoUrl}` }
}

/** The parts of the From an admin set; what is left out stays as MAIL_FROM says. Undefined: MAIL_FROM as it is. */
export function mailSenderOf(row: OrganisationRow | undefined): { name?: string; address?: string } | undefined {
  if (!row || (row.mailFromName === null && row.mailFromAddress === null)) return undefined
  return { ...(row.mailFromName !== null ? { name: row.mailFromName } : {}), ...(row.mailFromAddress !== null ? { address: row.mailFromAddress } : {}) }
}
