import { simpleParser, type ParsedMail } from 'mailparser'

/**
 * A mail as its recipient's program reads it (headers decoded, the parts unwrapped from their transfer encoding),
 * for the browser tests too: mailparser is the server's dependency, resolved from here.
 */
export function parseReceivedMail(raw: Buffer): Promise<ParsedMail> {
  return simpleParser(raw)
}
