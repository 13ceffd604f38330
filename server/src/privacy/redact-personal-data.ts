import { erasedRegistrantName } from '@webinar/shared/privacy'

/** What marks a person in text this app stored: their address and the names they registered under. */
export interface PersonalMarkers {
  email: string
  names: string[]
}

/** What an address becomes wherever it stood in text (a mail's error, a webhook's payload). */
export const erasedAddressText = '[erased address]'

/**
 * A name shorter than this is replaced only where it is the whole value (an author's name), never inside a
 * sentence: "Al" would otherwise eat into "Also" in other people's chat.
 */
const shortestNameReplacedInText = 3

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * Replaces a person's address and names in free text. The address anywhere, whatever its case; a name as a
 * whole word only (not "Adam" for "Ada"), whatever its case; a very short name only as the whole text.
 */
export function createRedactor({ email, names }: PersonalMarkers) {
  const addressPattern = email ? new RegExp(escapeRegExp(email), 'giu') : null
  const wholeValueNames = new Set(names.map((name) => name.trim().toLocaleLowerCase()).filter(Boolean))
  const inTextNames = [...wholeValueNames].filter((name) => name.length >= shortestNameReplacedInText)
  // Longest first, so that "Ada Lovelace" goes as one before "Ada" could take part of it.
  inTextNames.sort((a, b) => b.length - a.length)
  const namePattern =
    inTextNames.length > 0 ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${inTextNames.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'giu') : null

  function redactText(text: string): string {
    if (wholeValueNames.has(text.trim().toLocaleLowerCase())) return erasedRegistrantName
    let redacted = addressPattern ? text.replace(addressPattern, erasedAddressText) : text
    if (namePattern) redacted = redacted.replace(namePattern, erasedRegistrantName)
    return redacted
  }

  /** A JSON value with every string in it redacted (keys are the app's own words and stay). */
  function redactJson(value: unknown): unknown {
    if (typeof value === 'string') return redactText(value)
    if (Array.isArray(value)) return value.map(redactJson)
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, redactJson(inner)]))
    }
    return value
  }

  return { redactText, redactJson }
}

export type Redactor = ReturnType<typeof createRedactor>
