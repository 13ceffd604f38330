import {
  contrastRatio,
  defaultAccentColour,
  isReadableAccent,
  maxLogoBytes,
  minimumAccentContrast,
  type LogoContentType,
  type OrganisationSettings,
  type PublicBranding,
  type UpdateOrganisationBody,
} from '@webinar/shared/organisation'
import type { Clock } from '../clock.ts'
import type { Database } from '../db/client.ts'
import { AppError, notFound } from '../errors.ts'
import { organisationRepository, type StoredLogo } from './organisation-repository.ts'
import { brandingOf } from './organisation-view.ts'

export interface OrganisationServiceDependencies {
  db: Database
  clock: Clock
  /** ORGANISATION_NAME: the name until an admin saves one. */
  defaultName: string
  /** MAIL_FROM, shown next to the sender fields as what applies while they are empty. */
  defaultMailFrom: string
  /** Whether mail leaves this server at all (SMTP_URL): the sender means nothing until it does. */
  isMailConfigured: boolean
}

/**
 * What a file is, from its first bytes: the type a browser or a client claims is not trusted, and anything but
 * these three raster formats (SVG above all, which may carry scripts) is refused.
 */
export function sniffLogoType(bytes: Buffer): LogoContentType | undefined {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png'
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg'
  if (bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp'
  return undefined
}

// Tabs, line breaks and the like: a name is one line of a page header and of a mail's From.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const controlCharacter = /[\u0000-\u001f\u007f]/

/** Optional text: blank means "not set". */
function setOrNull(value: string | null): string | null {
  const trimmed = value?.trim() ?? ''
  return trimmed === '' ? null : trimmed
}

/** The organisation's name, accent colour, logo and mail sender: one row, read by public pages and by mail. */
export function createOrganisationService({ db, clock, defaultName, defaultMailFrom, isMailConfigured }: OrganisationServiceDependencies) {
  async function settings(): Promise<OrganisationSettings> {
    const row = await organisationRepository.find(db)
    const branding = brandingOf(row, defaultName)
    return {
      name: branding.name,
      accentColour: branding.accentColour,
      hasLogo: row?.hasLogo ?? false,
      logoUrl: branding.logoUrl,
      mailFromName: row?.mailFromName ?? null,
      mailFromAddress: row?.mailFromAddress ?? null,
      defaultMailFrom,
      isMailConfigured,
      updatedAt: row?.updatedAt.toISOString() ?? null,
    }
  }

  return {
    settings,

    async update(body: UpdateOrganisationBody): Promise<OrganisationSettings> {
      const name = body.name.trim()
      if (name === '') throw new AppError('validation_failed', 'The organisation needs a name.', { name: 'must not be empty' })
      const oneLine = 'must be one line, without tabs or other control characters'
      if (controlCharacter.test(name)) throw new AppError('validation_failed', 'The name must be one line.', { name: oneLine })
      if (body.mailFromName !== null && controlCharacter.test(body.mailFromName)) {
        throw new AppError('validation_failed', 'The sender name must be one line.', { mailFromName: oneLine })
      }
      if (!isReadableAccent(body.accentColour)) {
        const ratio = contrastRatio(body.accentColour, '#ffffff').toFixed(2)
        throw new AppError(
          'validation_failed',
          `White text on this accent colour has a contrast of ${ratio}:1; buttons need at least ${minimumAccentContrast}:1 to stay readable. Pick a darker colour.`,
          { accentColour: `is too light: white text on it has a contrast of ${ratio}:1, at least ${minimumAccentContrast}:1 is needed` },
        )
      }
      await organisationRepository.saveSettings(
        db,
        {
          name,
          accentColour: body.accentColour.toLowerCase(),
          mailFromName: setOrNull(body.mailFromName),
          mailFromAddress: setOrNull(body.mailFromAddress),
        },
        clock.now(),
      )
      return settings()
    },

    async saveLogo(imageBase64: string): Promise<OrganisationSettings> {
      const bytes = Buffer.from(imageBase64, 'base64')
      if (bytes.length > maxLogoBytes) {
        throw new AppError('validation_failed', `The logo may be at most ${maxLogoBytes / 1024} KB.`, { imageBase64: `is larger than ${maxLogoBytes / 1024} KB` })
      }
      const contentType = sniffLogoType(bytes)
      if (!contentType) {
        // The body is well formed; what it carries is a kind of file this endpoint does not take.
        throw new AppError('unsupported_media_type', 'The logo must be a PNG, JPEG or WebP image.', { imageBase64: 'is not a PNG, JPEG or WebP image' })
      }
      await organisationRepository.saveLogo(db, { bytes, contentType }, { name: defaultName, accentColour: defaultAccentColour }, clock.now())
      return settings()
    },

    async removeLogo(): Promise<void> {
      await organisationRepository.removeLogo(db, clock.now())
    },

    async publicBranding(): Promise<PublicBranding> {
      return brandingOf(await organisationRepository.find(db), defaultName)
    },

    async logo(): Promise<StoredLogo> {
      const logo = await organisationRepository.findLogo(db)
      if (!logo) throw notFound('The logo')
      return logo
    },
  }
}

export type OrganisationService = ReturnType<typeof createOrganisationService>
