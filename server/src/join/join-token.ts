import { createHash, createHmac } from 'node:crypto'

/**
 * Personal links. A token is HMAC-SHA256(a key of its own, row id + version): 256 bits nobody can guess, yet
 * recomputable, so a reminder sent days later can carry the same link. Only its SHA-256 is stored, to find the
 * row; bumping the version retires the previous link. Each kind of link (`purpose`) has its own key, derived
 * from the server secret, so a registrant's join token can never pass for a speaker's studio token.
 */
export function createLinkTokens(serverSecret: string, purpose: string) {
  // A key of its own, so that personal links and session cookies never share a secret directly.
  const key = createHmac('sha256', serverSecret).update(purpose).digest()
  const tokenFor = (rowId: string, version: number): string => createHmac('sha256', key).update(`${rowId}:${version}`).digest('base64url')
  const hash = (token: string): string => createHash('sha256').update(token).digest('hex')
  return {
    tokenFor,
    hash,
    /** What a row stores for this version of its link (`join_token_hash`, `studio_token_hash`). */
    hashFor: (rowId: string, version: number): string => hash(tokenFor(rowId, version)),
  }
}

export type LinkTokens = ReturnType<typeof createLinkTokens>

/** Registrants' join links (`/join/:token`). */
export function createJoinTokens(serverSecret: string): LinkTokens {
  return createLinkTokens(serverSecret, 'join-token-key/v1')
}

export type JoinTokens = LinkTokens
