import { createHash, createHmac } from 'node:crypto'

/**
 * Personal join links. A token is HMAC-SHA256(server secret, registration id + version): 256 bits nobody can
 * guess, yet recomputable, so a reminder sent days later can carry the same link. Only its SHA-256 is
 * stored, to find the registration; bumping the version retires the previous link.
 */
export function createJoinTokens(serverSecret: string) {
  // A key of its own, so that join links and session cookies never share a secret directly.
  const key = createHmac('sha256', serverSecret).update('join-token-key/v1').digest()
  const tokenFor = (registrationId: string, version: number): string =>
    createHmac('sha256', key).update(`${registrationId}:${version}`).digest('base64url')
  const hash = (token: string): string => createHash('sha256').update(token).digest('hex')
  return {
    tokenFor,
    hash,
    /** What a registration stores for this version of its link (`join_token_hash`). */
    hashFor: (registrationId: string, version: number): string => hash(tokenFor(registrationId, version)),
  }
}

export type JoinTokens = ReturnType<typeof createJoinTokens>
