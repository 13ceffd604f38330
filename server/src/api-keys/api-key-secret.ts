import { createHash, randomBytes } from 'node:crypto'

const keyPrefix = 'wbk_'

/** A new integrator key: 256 random bits. Only its SHA-256 is stored; the prefix helps people tell keys apart. */
export function generateApiKeySecret(): { secret: string; prefix: string; secretHash: string } {
  const secret = keyPrefix + randomBytes(32).toString('base64url')
  return { secret, prefix: secret.slice(0, keyPrefix.length + 8), secretHash: hashApiKeySecret(secret) }
}

export function hashApiKeySecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex')
}

export function looksLikeApiKey(value: string): boolean {
  return /^wbk_[A-Za-z0-9_-]{43}$/.test(value)
}
