import Type from 'typebox'
import { exampleTimes } from './examples.ts'
import { Email } from './users.ts'

/** The accent until an admin picks one: Tailwind's indigo-600, the colour the app was designed around. */
export const defaultAccentColour = '#4f46e5'

/**
 * The accent is the background of buttons with white text on the public pages and in mail: WCAG's AA contrast
 * for normal text (4.5:1) against white keeps them readable, whatever colour an admin picks.
 */
export const minimumAccentContrast = 4.5

/** A logo is shown small (in a header, at the top of mail): a larger file only slows every public page down. */
export const maxLogoBytes = 256 * 1024

/** Raster formats only: an SVG may carry scripts, and is served from the app's own origin. */
export const logoContentTypes = ['image/png', 'image/jpeg', 'image/webp'] as const
export type LogoContentType = (typeof logoContentTypes)[number]

// Names go into mail headers (the From's display name) and page headers: one line, without control characters
// (the server says so at the field; a pattern here would be one more rule for clients to get wrong).
export const OrganisationName = Type.String({ minLength: 1, maxLength: 100, description: 'Shown on public pages and in mail; one line' })
export const AccentColour = Type.String({
  pattern: '^#[0-9a-fA-F]{6}$',
  description: `#rrggbb, the colour of buttons and links on public pages and in mail; at least ${minimumAccentContrast}:1 contrast against white`,
})
const MailFromName = Type.Union([Type.String({ minLength: 1, maxLength: 100 }), Type.Null()], {
  description: "The mail's From display name; null keeps the one of MAIL_FROM",
})
const MailFromAddress = Type.Union([Email, Type.Null()], {
  description: "The mail's From address; null keeps the one of MAIL_FROM. The SMTP server must allow sending as it.",
})

const exampleSettings = {
  name: 'Acme Events',
  accentColour: '#0f766e',
  mailFromName: 'Acme Events',
  mailFromAddress: 'events@acme.example',
}

export const OrganisationSettings = Type.Object(
  {
    name: OrganisationName,
    accentColour: AccentColour,
    hasLogo: Type.Boolean(),
    logoUrl: Type.Union([Type.String(), Type.Null()], { description: 'Where the public pages load the logo from (changes with each new logo)' }),
    mailFromName: MailFromName,
    mailFromAddress: MailFromAddress,
    defaultMailFrom: Type.String({ description: 'MAIL_FROM: the From of mail whose sender fields are null' }),
    isMailConfigured: Type.Boolean({ description: 'False while SMTP_URL is unset: mail stays in the Mailbox, and no sender applies yet' }),
    updatedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'Null until the settings are first saved' }),
  },
  {
    examples: [
      {
        ...exampleSettings,
        hasLogo: true,
        logoUrl: '/api/public/branding/logo?v=1903504200000',
        defaultMailFrom: 'Webinars <webinars@acme.example>',
        isMailConfigured: true,
        updatedAt: exampleTimes.webinarCreated,
      },
    ],
  },
)
export type OrganisationSettings = Type.Static<typeof OrganisationSettings>

export const UpdateOrganisationBody = Type.Object(
  { name: OrganisationName, accentColour: AccentColour, mailFromName: MailFromName, mailFromAddress: MailFromAddress },
  { additionalProperties: false, examples: [exampleSettings] },
)
export type UpdateOrganisationBody = Type.Static<typeof UpdateOrganisationBody>

/** Base64 of at most `maxLogoBytes` bytes. */
const maxLogoBase64Length = Math.ceil(maxLogoBytes / 3) * 4

export const UploadLogoBody = Type.Object(
  {
    imageBase64: Type.String({
      minLength: 4,
      maxLength: maxLogoBase64Length,
      pattern: '^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$',
      description: `The image file, base64-encoded: PNG, JPEG or WebP (told by its first bytes), at most ${maxLogoBytes / 1024} KB`,
    }),
  },
  // A 1×1 transparent PNG.
  { additionalProperties: false, examples: [{ imageBase64: 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=' }] },
)
export type UploadLogoBody = Type.Static<typeof UploadLogoBody>

/** What public pages need to look like the organisation's: no account, nothing private. */
export const PublicBranding = Type.Object(
  {
    name: Type.String(),
    accentColour: AccentColour,
    logoUrl: Type.Union([Type.String(), Type.Null()]),
  },
  { examples: [{ name: exampleSettings.name, accentColour: exampleSettings.accentColour, logoUrl: '/api/public/branding/logo?v=1903504200000' }] },
)
export type PublicBranding = Type.Static<typeof PublicBranding>

// Colour arithmetic, shared so that the settings form refuses what the server refuses, and the public pages and
// the mail derive the same shades.

type Rgb = [number, number, number]

function rgbOf(hex: string): Rgb {
  const value = Number.parseInt(hex.slice(1), 16)
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255]
}

function hexOf([red, green, blue]: Rgb): string {
  return `#${[red, green, blue].map((channel) => Math.round(channel).toString(16).padStart(2, '0')).join('')}`
}

/** WCAG 2's relative luminance of an sRGB colour. */
function relativeLuminance(hex: string): number {
  const [red, green, blue] = rgbOf(hex).map((channel) => {
    const value = channel / 255
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4
  }) as Rgb
  return 0.2126 * red + 0.7152 * green + 0.0722 * blue
}

/** WCAG 2's contrast ratio of two #rrggbb colours, from 1 (the same) to 21 (black on white). */
export function contrastRatio(first: string, second: string): number {
  const [lighter, darker] = [relativeLuminance(first), relativeLuminance(second)].sort((a, b) => b - a) as [number, number]
  return (lighter + 0.05) / (darker + 0.05)
}

/** Whether white text on this colour (a button) is readable enough. */
export function isReadableAccent(hex: string): boolean {
  return contrastRatio(hex, '#ffffff') >= minimumAccentContrast
}

function mix(hex: string, toward: string, amount: number): string {
  const from = rgbOf(hex)
  const to = rgbOf(toward)
  return hexOf(from.map((channel, index) => channel + (to[index]! - channel) * amount) as Rgb)
}

export const accentShadeSteps = ['50', '100', '200', '300', '500', '600', '700', '800'] as const
export type AccentShades = Record<(typeof accentShadeSteps)[number], string>

/**
 * The shades the app's `accent-*` colours stand for, from one colour: 600 is the colour itself (buttons), lighter
 * ones are mixed with white (tinted backgrounds), darker ones with black (hover, links on tinted backgrounds).
 */
export function accentShadesOf(hex: string): AccentShades {
  const colour = hex.toLowerCase()
  return {
    '50': mix(colour, '#ffffff', 0.93),
    '100': mix(colour, '#ffffff', 0.85),
    '200': mix(colour, '#ffffff', 0.72),
    '300': mix(colour, '#ffffff', 0.55),
    '500': mix(colour, '#ffffff', 0.18),
    '600': colour,
    '700': mix(colour, '#000000', 0.18),
    '800': mix(colour, '#000000', 0.32),
  }
}
