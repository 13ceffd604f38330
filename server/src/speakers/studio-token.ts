import { createLinkTokens, type LinkTokens } from '../join/join-token.ts'

/**
 * Guest speakers' personal studio links (`/stage/:token`): made like registrants' join links, from the speaker
 * row's id and `studio_token_version`, with a key of their own, so neither kind of link opens the other's door.
 */
export function createStudioTokens(serverSecret: string): LinkTokens {
  return createLinkTokens(serverSecret, 'studio-token-key/v1')
}
