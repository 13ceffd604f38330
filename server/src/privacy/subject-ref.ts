import { createHmac } from 'node:crypto'

/**
 * How the audit log names the person an export or erasure was about: HMAC-SHA256 of their lower-cased address,
 * under a key of its own derived from the server secret. The same address always gives the same reference, so
 * "was this address erased, and when?" can be answered by whoever holds the address and asks this server; the
 * log itself (or a backup of it) does not give the address back, and a list of guessed addresses cannot be tried
 * against it without the key. Rotating SESSION_SECRET changes every future reference (old rows keep theirs).
 */
export function createSubjectRefs(serverSecret: string) {
  // A key of its own, so that the log never shares a secret directly with session cookies or join links.
  const key = createHmac('sha256', serverSecret).update('audit-subject-ref/v1').digest()
  return {
    /** The reference of an e-mail address (hex). */
    of(email: string): string {
      return createHmac('sha256', key).update(email.trim().toLowerCase()).digest('hex')
    },
  }
}

export type SubjectRefs = ReturnType<typeof createSubjectRefs>
